CREATE TABLE "inspector_conflicts" (
	"inspector_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspector_conflicts_inspector_id_enterprise_id_pk" PRIMARY KEY("inspector_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "inspectors" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"certificate_no" text NOT NULL,
	"certified_until" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inspector_conflicts" ADD CONSTRAINT "inspector_conflicts_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_conflicts" ADD CONSTRAINT "inspector_conflicts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inspectors_unit_cert_uq" ON "inspectors" USING btree ("unit_id","certificate_no");