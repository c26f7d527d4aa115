CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_model_id` text NOT NULL,
	`survey_model_sha256` text,
	`opens_at` integer,
	`closes_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cas` (
	`id` text PRIMARY KEY NOT NULL,
	`pem` text NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`subject` text,
	`data` text DEFAULT '{}' NOT NULL,
	`prev_hash` text,
	`hash` text
);
--> statement-breakpoint
CREATE INDEX `events_subject` ON `events` (`subject`);--> statement-breakpoint
CREATE TABLE `keyring` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`jws` text NOT NULL,
	`recipients` text NOT NULL,
	`installed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organisation_covers` (
	`umbrella` text NOT NULL,
	`covered` text NOT NULL,
	PRIMARY KEY(`umbrella`, `covered`)
);
--> statement-breakpoint
CREATE INDEX `organisation_covers_covered` ON `organisation_covers` (`covered`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`orgnr` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`actor_group` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `signers` (
	`kid` text PRIMARY KEY NOT NULL,
	`orgnr` text NOT NULL,
	`public_jwk` text NOT NULL,
	`revoked_from` integer,
	`source` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `signers_orgnr` ON `signers` (`orgnr`);--> statement-breakpoint
CREATE TABLE `submission_coverage` (
	`submission_id` text NOT NULL,
	`campaign` text NOT NULL,
	`orgnr` text NOT NULL,
	`role` text NOT NULL,
	`state` text NOT NULL,
	PRIMARY KEY(`submission_id`, `orgnr`)
);
--> statement-breakpoint
CREATE INDEX `submission_coverage_campaign_org` ON `submission_coverage` (`campaign`,`orgnr`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`package_sha256` text NOT NULL,
	`package_id` text,
	`organisation` text NOT NULL,
	`campaign` text NOT NULL,
	`survey_model_id` text,
	`created_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`status` text NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`covers` text DEFAULT '[]' NOT NULL,
	`superseded_by` text,
	`flags` text DEFAULT '[]' NOT NULL,
	`signers` text DEFAULT '[]' NOT NULL,
	`via` text NOT NULL,
	`blob_key` text,
	`size` integer,
	`receipt` text,
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_package_sha256` ON `submissions` (`package_sha256`);--> statement-breakpoint
CREATE INDEX `submissions_org_campaign` ON `submissions` (`organisation`,`campaign`);--> statement-breakpoint
CREATE INDEX `submissions_campaign_status` ON `submissions` (`campaign`,`status`);