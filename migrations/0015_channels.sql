CREATE TABLE `dprd_members` (
	`id` text PRIMARY KEY NOT NULL,
	`regency_code` text NOT NULL,
	`name` text NOT NULL,
	`fraksi` text NOT NULL,
	`dapil` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dprd_members_regency_idx` ON `dprd_members` (`regency_code`,`name`);--> statement-breakpoint
CREATE TABLE `pokir` (
	`proposal_id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`member_name` text NOT NULL,
	`fraksi` text NOT NULL,
	`dapil` text NOT NULL,
	`reses_date` text NOT NULL,
	`reses_place` text NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `dprd_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pokir_member_idx` ON `pokir` (`member_id`);--> statement-breakpoint
ALTER TABLE `proposals` ADD `channel` text DEFAULT 'desa' NOT NULL;--> statement-breakpoint
ALTER TABLE `proposals` ADD `location_level` text DEFAULT 'desa' NOT NULL;--> statement-breakpoint
ALTER TABLE `proposals` ADD `theme` text;--> statement-breakpoint
ALTER TABLE `proposals` ADD `proposer_group` text;--> statement-breakpoint
CREATE INDEX `proposals_channel_idx` ON `proposals` (`regency_code`,`year`,`channel`,`theme`);--> statement-breakpoint
-- Hand-written (issue 21): a pokir entered is never deleted (Permendagri 86/2017 input to the RKPD; withdrawal is
-- a status with a reason). Existing proposals need no backfill: `channel` and `location_level` default to 'desa'.
CREATE TRIGGER `pokir_never_deleted` BEFORE DELETE ON `pokir` BEGIN SELECT RAISE(ABORT, 'pokir_never_deleted'); END;--> statement-breakpoint
CREATE TRIGGER `pokir_proposal_never_deleted` BEFORE DELETE ON `proposals` WHEN OLD.`channel` = 'pokir' BEGIN SELECT RAISE(ABORT, 'pokir_never_deleted'); END;
