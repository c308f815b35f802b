CREATE TABLE `district_plans` (
	`district_code` text NOT NULL,
	`year` integer NOT NULL,
	`regency_code` text NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by` text NOT NULL,
	PRIMARY KEY(`district_code`, `year`)
);
--> statement-breakpoint
CREATE TABLE `proposal_recommendations` (
	`proposal_id` text NOT NULL,
	`level` text NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`volume` real,
	`unit` text,
	`cost` integer,
	`sub_activity_code` text,
	`note` text,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL,
	PRIMARY KEY(`proposal_id`, `level`, `source`),
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `proposals` ADD `content_hash` text;--> statement-breakpoint
CREATE INDEX `proposals_content_idx` ON `proposals` (`created_by`,`content_hash`,`created_at`);--> statement-breakpoint
-- Hand-written (issue 18), keep at the end when renumbering. What the desa asked for, for proposals submitted before
-- recommendations were kept: their volume and cost as stored (for an "accepted with changes" one, the accepted values).
INSERT OR IGNORE INTO `proposal_recommendations` (`proposal_id`, `level`, `source`, `volume`, `unit`, `cost`, `sub_activity_code`, `note`, `decided_by`, `decided_at`)
SELECT `id`, 'desa', '', `volume`, `unit`, `estimated_cost`, `sub_activity_code`, NULL, `created_by`, `created_at` FROM `proposals`;--> statement-breakpoint
-- A withdrawn proposal leaves its village's ranking, and the others close ranks (1, 2, 3 … in their old order).
UPDATE `proposals` SET `village_rank` = NULL WHERE `status` = 'withdrawn';--> statement-breakpoint
UPDATE `proposals` SET `village_rank` = (
  SELECT count(*) FROM `proposals` AS `p`
  WHERE `p`.`village_code` = `proposals`.`village_code` AND `p`.`year` = `proposals`.`year` AND `p`.`village_rank` IS NOT NULL
    AND (`p`.`village_rank` < `proposals`.`village_rank` OR (`p`.`village_rank` = `proposals`.`village_rank` AND `p`.`id` <= `proposals`.`id`))
) WHERE `village_rank` IS NOT NULL;
