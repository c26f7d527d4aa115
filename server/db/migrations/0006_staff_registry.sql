ALTER TABLE `cas` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `cas` ADD `revoke_reason` text;--> statement-breakpoint
ALTER TABLE `invites` ADD `note` text;--> statement-breakpoint
ALTER TABLE `signers` ADD `revoke_reason` text;--> statement-breakpoint
CREATE INDEX `submissions_received` ON `submissions` (`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `submissions_status_received` ON `submissions` (`status`,`received_at`,`id`);