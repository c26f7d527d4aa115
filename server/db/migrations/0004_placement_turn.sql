ALTER TABLE `submission_coverage` ADD `seq` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `submission_coverage_turn` ON `submission_coverage` (`campaign`,`orgnr`,`seq`);