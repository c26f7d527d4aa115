DROP INDEX `submission_coverage_campaign_org`;--> statement-breakpoint
CREATE INDEX `submission_coverage_campaign_org` ON `submission_coverage` (`campaign`,`orgnr`,`role`);--> statement-breakpoint
CREATE INDEX `submissions_org_campaign_stored` ON `submissions` (`organisation`,`campaign`,`size`) WHERE blob_key is not null;