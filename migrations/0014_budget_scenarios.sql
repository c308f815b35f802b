CREATE TABLE `budget_scenario_outcomes` (
	`run_id` text NOT NULL,
	`proposal_id` text NOT NULL,
	`position` integer NOT NULL,
	`district_code` text NOT NULL,
	`village_code` text NOT NULL,
	`agency_id` text NOT NULL,
	`cost` integer NOT NULL,
	`funded_before` integer NOT NULL,
	`after` text NOT NULL,
	`agency_room` integer,
	`district_room` integer,
	PRIMARY KEY(`run_id`, `proposal_id`)
);
--> statement-breakpoint
CREATE INDEX `budget_scenario_outcomes_order_idx` ON `budget_scenario_outcomes` (`run_id`,`position`);--> statement-breakpoint
CREATE INDEX `budget_scenario_outcomes_district_idx` ON `budget_scenario_outcomes` (`run_id`,`district_code`,`position`);--> statement-breakpoint
CREATE TABLE `budget_scenario_tallies` (
	`run_id` text NOT NULL,
	`level` text NOT NULL,
	`code` text NOT NULL,
	`district_code` text NOT NULL,
	`before_count` integer NOT NULL,
	`before_rupiah` integer NOT NULL,
	`after_count` integer NOT NULL,
	`after_rupiah` integer NOT NULL,
	PRIMARY KEY(`run_id`, `level`, `code`)
);
--> statement-breakpoint
CREATE INDEX `budget_scenario_tallies_district_idx` ON `budget_scenario_tallies` (`run_id`,`level`,`district_code`);--> statement-breakpoint
CREATE TABLE `budget_scenarios` (
	`id` text PRIMARY KEY NOT NULL,
	`regency_code` text NOT NULL,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`note` text,
	`changes` text NOT NULL,
	`rules` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`status` text NOT NULL,
	`run_id` text,
	`run_version` integer,
	`progress` integer DEFAULT 0 NOT NULL,
	`summary` text,
	`error` text,
	`ran_at` text,
	`applied_at` text,
	`applied_by` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `budget_scenarios_year_idx` ON `budget_scenarios` (`regency_code`,`year`,`created_at`);