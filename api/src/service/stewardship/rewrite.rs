//! Replacing a person's details in the texts an organisation holds (erasure). Only the columns
//! an [`Edit`] names are touched (free texts, never ids, hashes or enum values), only rows
//! whose text contains a value are read (a LIKE in SQL), a page at a time by primary key, and a
//! value is replaced only where it stands as a whole: "ines@x.example" not inside
//! "valentines@x.example", "Stan" not inside "standard".
use super::columns;
use crate::error::ApiResult;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, LikeExpr, Value};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, IdenStatic,
    IntoActiveModel, Iterable, ModelTrait, PrimaryKeyToColumn, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::Value as Json;
use uuid::Uuid;

/// Rows changed at a time.
const PAGE: u64 = 500;

/// What to replace, and where.
pub struct Edit<'a> {
    /// (table, its columns that may hold the values).
    pub columns: &'a [(&'a str, &'a [&'a str])],
    /// (value, replacement); values are matched whole and in any case of ASCII letters.
    pub replacements: &'a [(String, String)],
}

pub(super) async fn rewrite<E>(txn: &DatabaseTransaction, organisation: Uuid, edit: &Edit<'_>) -> ApiResult<u64>
where
    E: EntityTrait,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    E::Model: IntoActiveModel<E::ActiveModel> + Send + Sync,
{
    let table = E::default().table_name();
    let Some(&(_, names)) = edit.columns.iter().find(|(t, _)| *t == table) else { return Ok(0) };
    let (Some(tenant), Some(key)) = (columns::tenant::<E>(), E::PrimaryKey::iter().next()) else { return Ok(0) };
    let key = key.into_column();
    let columns: Vec<E::Column> = E::Column::iter().filter(|c| names.contains(&c.as_str())).collect();
    let mut mentions = Condition::any();
    for column in &columns {
        for (value, _) in edit.replacements {
            let pattern =
                format!("%{}%", value.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            let text = Func::lower(Expr::col(*column).cast_as(Alias::new("TEXT")));
            mentions = mentions.add(Expr::expr(text).like(LikeExpr::new(pattern).escape('\\')));
        }
    }
    let mut after: Option<Value> = None;
    let mut changed = 0;
    loop {
        let mut select =
            E::find().filter(tenant.eq(organisation)).filter(mentions.clone()).order_by_asc(key).limit(PAGE);
        if let Some(after) = &after {
            select = select.filter(key.gt(after.clone()));
        }
        let models = select.all(txn).await?;
        let Some(last) = models.last() else { break };
        after = Some(last.get(key));
        let full = models.len() as u64 == PAGE;
        for model in models {
            let mut row: Option<E::ActiveModel> = None;
            for column in &columns {
                let new = match model.get(*column) {
                    Value::String(Some(text)) => replace_all(&text, edit.replacements).map(|t| Value::String(Some(t))),
                    Value::Json(Some(json)) => {
                        let rewritten = rewrite_json(&json, edit.replacements);
                        (rewritten != *json).then(|| Value::Json(Some(Box::new(rewritten))))
                    }
                    _ => None,
                };
                if let Some(new) = new {
                    row.get_or_insert_with(|| model.clone().into_active_model()).try_set(*column, new)?;
                }
            }
            if let Some(row) = row {
                row.update(txn).await?;
                changed += 1;
            }
        }
        if !full {
            break;
        }
    }
    Ok(changed)
}

/// The JSON with its string values rewritten (keys are field names, never a person's).
fn rewrite_json(json: &Json, replacements: &[(String, String)]) -> Json {
    match json {
        Json::String(text) => Json::String(replace_all(text, replacements).unwrap_or_else(|| text.clone())),
        Json::Array(items) => Json::Array(items.iter().map(|item| rewrite_json(item, replacements)).collect()),
        Json::Object(fields) => {
            Json::Object(fields.iter().map(|(key, value)| (key.clone(), rewrite_json(value, replacements))).collect())
        }
        other => other.clone(),
    }
}

/// Characters that continue a word or an e-mail address on either side of a value.
fn continues(c: char) -> bool {
    c.is_alphanumeric() || "_%+-@".contains(c)
}

/// `text` with every `(value, replacement)` replaced where the value stands whole (not inside a
/// longer word or address), ASCII letters matched in any case; None when nothing was found.
pub fn replace_all(text: &str, replacements: &[(String, String)]) -> Option<String> {
    let mut out = std::borrow::Cow::Borrowed(text);
    for (value, replacement) in replacements {
        let needle = value.to_ascii_lowercase();
        if needle.is_empty() {
            continue;
        }
        // Lower-casing ASCII keeps every byte where it was, so positions carry over.
        let lower = out.to_ascii_lowercase();
        let mut rewritten = String::with_capacity(out.len());
        let mut copied = 0;
        for (at, _) in lower.match_indices(&needle) {
            let end = at + needle.len();
            let before = out[..at].chars().next_back();
            let mut rest = out[end..].chars();
            let next = rest.next();
            // A dot ends a sentence, unless a longer domain or name goes on after it.
            let joined_before = before.is_some_and(|c| continues(c) || c == '.');
            let joined_after =
                next.is_some_and(continues) || (next == Some('.') && rest.next().is_some_and(char::is_alphanumeric));
            let whole = !joined_before && !joined_after;
            if whole && at >= copied {
                rewritten.push_str(&out[copied..at]);
                rewritten.push_str(replacement);
                copied = end;
            }
        }
        if copied > 0 {
            rewritten.push_str(&out[copied..]);
            out = std::borrow::Cow::Owned(rewritten);
        }
    }
    match out {
        std::borrow::Cow::Owned(changed) => Some(changed),
        std::borrow::Cow::Borrowed(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_replaced_only_where_they_stand_whole() {
        let replacements = vec![
            ("ines@supplier.example".to_owned(), "erased-1@erased.invalid".to_owned()),
            ("Inès Müller".to_owned(), "Erased person 1".to_owned()),
            ("Stan".to_owned(), "Erased person 2".to_owned()),
        ];
        let text = "To: Inès Müller <Ines@Supplier.example>; cc ines@supplier.example. Stan, standard";
        assert_eq!(
            replace_all(text, &replacements).unwrap(),
            "To: Erased person 1 <erased-1@erased.invalid>; cc erased-1@erased.invalid. Erased person 2, standard"
        );
        for untouched in
            ["valentines@supplier.example", "ines@supplier.example.org", "x.ines@supplier.example", "Stanley"]
        {
            assert_eq!(replace_all(untouched, &replacements), None, "{untouched}");
        }
        assert_eq!(replace_all("nothing here", &replacements), None);
    }
}
