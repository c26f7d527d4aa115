DROP INDEX `submissions_org_campaign`;--> statement-breakpoint
CREATE INDEX `submissions_org_campaign` ON `submissions` (`organisation`,`campaign`,`status`);