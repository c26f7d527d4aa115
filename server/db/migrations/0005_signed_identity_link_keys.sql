ALTER TABLE `signers` ADD `invite_id` text;--> statement-breakpoint
ALTER TABLE `signers` ADD `campaign` text;--> statement-breakpoint
ALTER TABLE `signers` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `signers` ADD `confirmed_by` text;--> statement-breakpoint
ALTER TABLE `submissions` ADD `manifest_sha256` text;--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_manifest_sha256` ON `submissions` (`manifest_sha256`);--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_package_id` ON `submissions` (`package_id`) WHERE manifest_sha256 is not null;--> statement-breakpoint
UPDATE `signers` SET `invite_id` = (SELECT `invite_id` FROM `invite_uses` WHERE `invite_uses`.`signer_kid` = `signers`.`kid` ORDER BY `used_at` LIMIT 1) WHERE `source` = 'invite';--> statement-breakpoint
UPDATE `signers` SET `campaign` = (SELECT `campaign` FROM `invites` WHERE `invites`.`id` = `signers`.`invite_id`) WHERE `invite_id` IS NOT NULL;
