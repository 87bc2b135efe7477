//! Finding suppliers in the register: the filters (status, category, country, data, NIS 2,
//! rating, a heat-map cell, text) and orderings of the register page, shared with campaigns,
//! which choose their suppliers with the same filter.
use crate::auth::{Caller, Permission};
use crate::domain::{DataSensitivity, Rating, SortDirection, SupplierStatus};
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use crate::service::kernel::page::{self, Page, PageRequest};
use entity::supplier;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, ExprTrait, QueryFilter, QueryOrder, Select};

/// Narrows the supplier register. Conditions combine with AND; lists match any of their values.
#[derive(Clone, Debug, Default, async_graphql::InputObject)]
pub struct SupplierFilter {
    /// Any of these statuses.
    pub status: Option<Vec<SupplierStatus>>,
    /// Exact category, case-insensitive.
    pub category: Option<String>,
    /// ISO 3166-1 alpha-2 country codes.
    pub country: Option<Vec<String>>,
    /// Any of these data sensitivities.
    pub data_sensitivity: Option<Vec<DataSensitivity>>,
    /// Only NIS 2 relevant suppliers (or only the others).
    pub nis2_relevant: Option<bool>,
    /// Part of the legal name, or of an identifier (LEI, VAT number, DUNS, national registry
    /// number; spaces, dots and dashes in it are ignored), case-insensitive.
    pub search: Option<String>,
    /// Any of these ratings (of the newest score).
    pub rating: Option<Vec<Rating>>,
    /// Suppliers never scored: true adds them to `rating` (or, without `rating`, gives only
    /// them); false leaves them out.
    pub unrated: Option<bool>,
    /// One cell of the portfolio's heat map: inherent and residual risk levels 1-5 (each the
    /// risk rounded, at least 1).
    pub heat: Option<HeatCellFilter>,
}

/// A heat map cell: the suppliers whose newest inherent and residual risk round to these levels.
#[derive(Clone, Copy, Debug, async_graphql::InputObject)]
pub struct HeatCellFilter {
    /// Inherent risk level, 1-5.
    pub inherent: u8,
    /// Residual risk level, 1-5.
    pub residual: u8,
}

/// The risks that round to `level` (1-5, as the heat map counts them): [level - 0.5, level + 0.5),
/// with level 1 taking everything below 1.5 and level 5 everything from 4.5.
fn level_condition(column: supplier::Column, level: u8) -> sea_orm::Condition {
    let level = f64::from(level.clamp(1, 5));
    let mut condition = sea_orm::Condition::all().add(column.is_not_null());
    if level > 1.0 {
        condition = condition.add(column.gte(level - 0.5));
    }
    if level < 5.0 {
        condition = condition.add(column.lt(level + 0.5));
    }
    condition
}

/// Columns the register can be sorted by.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SupplierOrderField {
    /// Legal name, alphabetical.
    #[default]
    LegalName,
    /// Country code.
    Country,
    /// Life-cycle status.
    Status,
    /// Category.
    Category,
    /// Registration time.
    CreatedAt,
    /// Time of the last change.
    UpdatedAt,
    /// Residual risk of the latest score, which the rating follows; suppliers never scored
    /// come last either way.
    ResidualRisk,
}

/// Sort order of the register; ties are broken by id so that pages never overlap.
#[derive(Clone, Copy, Debug, Default, async_graphql::InputObject)]
pub struct SupplierOrder {
    /// Column to sort by.
    pub field: SupplierOrderField,
    /// Ascending unless given.
    #[graphql(default_with = "SortDirection::Asc")]
    pub direction: SortDirection,
}

/// The caller's suppliers matching `filter` (campaigns choose their suppliers with it too).
pub fn filtered(caller: &Caller, filter: SupplierFilter) -> Select<supplier::Entity> {
    let mut select = lookup::scoped::<supplier::Entity>(caller);
    if let Some(statuses) = filter.status {
        select = select.filter(supplier::Column::Status.is_in(statuses.iter().copied()));
    }
    if let Some(category) = filter.category {
        let lowered = Expr::expr(Func::lower(Expr::col(supplier::Column::Category)));
        select = select.filter(lowered.eq(category.trim().to_lowercase()));
    }
    if let Some(countries) = filter.country {
        select = select.filter(supplier::Column::Country.is_in(countries.iter().map(|c| c.trim().to_uppercase())));
    }
    if let Some(levels) = filter.data_sensitivity {
        select = select.filter(supplier::Column::DataSensitivity.is_in(levels.iter().copied()));
    }
    if let Some(relevant) = filter.nis2_relevant {
        select = select.filter(supplier::Column::Nis2Relevant.eq(relevant));
    }
    if let Some(condition) = search(filter.search) {
        select = select.filter(condition);
    }
    if let Some(cell) = filter.heat {
        select = select
            .filter(level_condition(supplier::Column::InherentRisk, cell.inherent))
            .filter(level_condition(supplier::Column::ResidualRisk, cell.residual));
    }
    let rated = filter.rating.map(|ratings| supplier::Column::Rating.is_in(ratings.iter().map(|r| r.as_db())));
    let never = supplier::Column::Rating.is_null();
    match (rated, filter.unrated) {
        (Some(rated), Some(true)) => select = select.filter(sea_orm::Condition::any().add(rated).add(never)),
        (Some(rated), _) => select = select.filter(rated),
        (None, Some(true)) => select = select.filter(never),
        (None, Some(false)) => select = select.filter(supplier::Column::Rating.is_not_null()),
        (None, None) => {}
    }
    select
}

/// The legal name contains the text, or an identifier contains it once both are written without
/// spaces, dots and dashes ("DE 123.456.789" finds DE123456789).
fn search(text: Option<String>) -> Option<sea_orm::Condition> {
    let name = page::contains_text(supplier::Column::LegalName, text.clone())?;
    let compact: String = text.unwrap_or_default().chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
    let mut any = sea_orm::Condition::any().add(name);
    for column in [
        supplier::Column::Lei,
        supplier::Column::VatNumber,
        supplier::Column::Duns,
        supplier::Column::NationalRegistryNumber,
    ] {
        if !compact.is_empty() {
            any = any.add(compact_contains(column, &compact.to_lowercase()));
        }
    }
    Some(any)
}

/// `column`, lower-cased and without spaces, dots and dashes, contains `text` (already so).
fn compact_contains(column: supplier::Column, text: &str) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Alias, SimpleExpr};
    let replace = |inner: SimpleExpr, gone: &str| -> SimpleExpr {
        Func::cust(Alias::new("replace")).arg(inner).arg(gone).arg("").into()
    };
    let lowered: SimpleExpr = Func::lower(Expr::col(column)).into();
    let compacted = replace(replace(replace(lowered, " "), "."), "-");
    Expr::expr(compacted).like(page::containing(text))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    filter: SupplierFilter,
    order: SupplierOrder,
    page: PageRequest,
) -> ApiResult<Page<supplier::Model>> {
    caller.require(Permission::Read)?;
    let select = filtered(caller, filter);
    let column = match order.field {
        SupplierOrderField::LegalName => supplier::Column::LegalName,
        SupplierOrderField::Country => supplier::Column::Country,
        SupplierOrderField::Status => supplier::Column::Status,
        SupplierOrderField::Category => supplier::Column::Category,
        SupplierOrderField::CreatedAt => supplier::Column::CreatedAt,
        SupplierOrderField::UpdatedAt => supplier::Column::UpdatedAt,
        SupplierOrderField::ResidualRisk => supplier::Column::ResidualRisk,
    };
    let direction = page::sort_order(order.direction);
    // SQLite puts NULLs first and PostgreSQL last: say where unscored suppliers go.
    let ordered = select
        .clone()
        .order_by_with_nulls(column, direction.clone(), sea_orm::sea_query::NullOrdering::Last)
        .order_by(supplier::Column::Id, direction);
    page::fetch(db, select, ordered, page).await
}
