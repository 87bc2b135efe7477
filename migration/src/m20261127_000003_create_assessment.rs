//! Assessments, their answers, the score snapshots of completed assessments and findings.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn owned(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .col(pk_uuid("id"))
        .col(uuid("organisation_id"))
        .foreign_key(
            ForeignKey::create()
                .name(format!("fk_{name}_organisation"))
                .from(name, "organisation_id")
                .to("organisation", "id")
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            owned("assessment")
                .col(uuid("supplier_id"))
                .col(uuid("template_version_id"))
                .col(string("template_slug"))
                .col(string("template_title"))
                .col(integer("template_version"))
                .col(string("status"))
                .col(date_null("due_date"))
                .col(text_null("message"))
                .col(uuid_null("created_by"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .col(timestamp_with_time_zone_null("completed_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
            owned("assessment_answer")
                .col(uuid("assessment_id"))
                .col(string("question_id"))
                .col(json("value"))
                .col(text("raw"))
                .col(text_null("comment"))
                .col(string("source"))
                .col(string_null("verdict"))
                .col(text_null("review_note"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
            owned("score_snapshot")
                .col(uuid("supplier_id"))
                .col(uuid("assessment_id"))
                .col(double("security_score"))
                .col(double("coverage"))
                .col(double("inherent_risk"))
                .col(double("residual_risk"))
                .col(string("rating"))
                .col(json("report"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
            owned("finding")
                .col(uuid("supplier_id"))
                .col(uuid_null("assessment_id"))
                .col(string_null("question_id"))
                .col(text("title"))
                .col(string("severity"))
                .col(string("status"))
                .col(date("due_date"))
                .col(boolean("knock_out"))
                .col(json("iso_refs"))
                .col(json("nis2_refs"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }
        let index = |name: &str, table: &'static str, cols: &[&'static str], unique: bool| {
            let mut index = Index::create();
            index.name(name).table(table);
            for col in cols {
                index.col(*col);
            }
            if unique {
                index.unique();
            }
            index.to_owned()
        };
        for statement in [
            index("ix_assessment_supplier", "assessment", &["supplier_id"], false),
            index("ix_assessment_organisation_status", "assessment", &["organisation_id", "status"], false),
            index("ux_assessment_answer_question", "assessment_answer", &["assessment_id", "question_id"], true),
            index("ix_score_snapshot_supplier", "score_snapshot", &["supplier_id", "created_at"], false),
            index("ix_finding_supplier", "finding", &["supplier_id"], false),
            index("ix_finding_organisation_status", "finding", &["organisation_id", "status"], false),
        ] {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["finding", "score_snapshot", "assessment_answer", "assessment"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
