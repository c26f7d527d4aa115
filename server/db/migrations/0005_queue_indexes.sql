CREATE INDEX `submissions_received` ON `submissions` (`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `submissions_status_received` ON `submissions` (`status`,`received_at`,`id`);