//! Forward pagination shared by every list: `first` / `after` with opaque cursors and a total.
use crate::error::{ApiError, ApiResult};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QuerySelect, Select};

pub const DEFAULT_PAGE_SIZE: u64 = 50;
pub const MAX_PAGE_SIZE: u64 = 200;

/// Which slice of a list the client asked for.
#[derive(Clone, Copy, Debug)]
pub struct PageRequest {
    pub offset: u64,
    pub limit: u64,
}

impl PageRequest {
    pub fn parse(first: Option<i32>, after: Option<&str>) -> ApiResult<Self> {
        let limit = match first {
            None => DEFAULT_PAGE_SIZE,
            Some(n) if n < 0 => return Err(ApiError::field("first", "must not be negative")),
            Some(n) if n as u64 > MAX_PAGE_SIZE => {
                return Err(ApiError::Limit(format!("first: at most {MAX_PAGE_SIZE} items per page")));
            }
            Some(n) => n as u64,
        };
        let offset = match after {
            None => 0,
            Some(cursor) => decode_cursor(cursor)
                .map(|position| position + 1)
                .ok_or_else(|| ApiError::field("after", "not a cursor returned by this list"))?,
        };
        Ok(PageRequest { offset, limit })
    }
}

/// One page of rows with what the connection needs around it.
#[derive(Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub offset: u64,
    pub total: u64,
}

impl<T> Page<T> {
    pub fn has_next(&self) -> bool {
        self.offset + (self.items.len() as u64) < self.total
    }

    pub fn has_previous(&self) -> bool {
        self.offset > 0
    }

    /// The cursor of the item at `index` within this page.
    pub fn cursor(&self, index: usize) -> String {
        encode_cursor(self.offset + index as u64)
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), offset: self.offset, total: self.total }
    }
}

/// Counts the filtered rows and fetches one page of them in the given order. The count runs
/// on the unordered query: an ORDER BY inside it would make the database sort every row.
pub async fn fetch<E, C>(
    db: &C,
    filtered: Select<E>,
    ordered: Select<E>,
    page: PageRequest,
) -> ApiResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Sync,
    C: ConnectionTrait,
{
    let total = filtered.count(db).await?;
    let items = if page.limit == 0 || page.offset >= total {
        Vec::new()
    } else {
        ordered.offset(page.offset).limit(page.limit).all(db).await?
    };
    Ok(Page { items, offset: page.offset, total })
}

/// `lower(column) LIKE %text%` with the text's wildcards taken literally; `None` for blank text.
/// LIKE is case-sensitive on PostgreSQL and not on SQLite, so both sides are lower-cased.
pub fn contains_text(
    column: impl sea_orm::ColumnTrait,
    text: Option<String>,
) -> Option<sea_orm::sea_query::SimpleExpr> {
    use sea_orm::ExprTrait;
    use sea_orm::sea_query::{Expr, Func};
    let text = text.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty())?;
    Some(Expr::expr(Func::lower(Expr::col(column))).like(containing(&text)))
}

/// A LIKE pattern matching values that contain `text` literally (its `%`, `_` and `\` escaped).
pub fn containing(text: &str) -> sea_orm::sea_query::LikeExpr {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

pub fn sort_order(direction: crate::domain::SortDirection) -> sea_orm::Order {
    match direction {
        crate::domain::SortDirection::Asc => sea_orm::Order::Asc,
        crate::domain::SortDirection::Desc => sea_orm::Order::Desc,
    }
}

fn encode_cursor(position: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("cw:{position}"))
}

fn decode_cursor(cursor: &str) -> Option<u64> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    String::from_utf8(bytes).ok()?.strip_prefix("cw:")?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        assert_eq!(decode_cursor(&encode_cursor(41)), Some(41));
        assert_eq!(decode_cursor("bm9wZQ"), None);
        assert!(PageRequest::parse(Some(201), None).is_err());
        assert!(PageRequest::parse(Some(-1), None).is_err());
        let next = PageRequest::parse(Some(10), Some(&encode_cursor(9))).unwrap();
        assert_eq!((next.offset, next.limit), (10, 10));
    }
}
