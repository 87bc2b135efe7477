//! A column's value as JSON and back, exactly: what a backup writes is what a restore reads into
//! either database. Times keep every digit of their fraction, bytes are base64, and JSON columns
//! are kept as their text, so that a JSON `null` stays apart from SQL's NULL.
use base64::Engine;
use sea_orm::sea_query::{ColumnType, Value};
use serde_json::Value as Json;

/// `value` as JSON (SQL NULL as `null`).
pub fn encode(value: Value) -> Result<Json, String> {
    let base64 = base64::engine::general_purpose::STANDARD;
    Ok(match value {
        Value::Bool(v) => v.map(Json::from).unwrap_or(Json::Null),
        Value::TinyInt(v) => v.map(Json::from).unwrap_or(Json::Null),
        Value::SmallInt(v) => v.map(Json::from).unwrap_or(Json::Null),
        Value::Int(v) => v.map(Json::from).unwrap_or(Json::Null),
        Value::BigInt(v) => v.map(Json::from).unwrap_or(Json::Null),
        Value::Float(v) => v.map(Json::from).unwrap_or(Json::Null),
        Value::Double(v) => v.map(Json::from).unwrap_or(Json::Null),
        Value::String(v) => v.map(Json::from).unwrap_or(Json::Null),
        Value::Char(v) => v.map(|c| Json::from(c.to_string())).unwrap_or(Json::Null),
        Value::Bytes(v) => v.map(|b| Json::from(base64.encode(b))).unwrap_or(Json::Null),
        Value::Json(v) => v.map(|j| Json::from(j.to_string())).unwrap_or(Json::Null),
        Value::ChronoDate(v) => v.map(|d| Json::from(d.to_string())).unwrap_or(Json::Null),
        Value::ChronoDateTime(v) => {
            v.map(|d| Json::from(d.format("%Y-%m-%dT%H:%M:%S%.f").to_string())).unwrap_or(Json::Null)
        }
        Value::ChronoDateTimeUtc(v) => {
            v.map(|d| Json::from(d.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))).unwrap_or(Json::Null)
        }
        Value::Uuid(v) => v.map(|u| Json::from(u.to_string())).unwrap_or(Json::Null),
        other => return Err(format!("a value of a kind backups do not hold: {other:?}")),
    })
}

/// The value of a column of type `column` that [`encode`] wrote as `json`.
pub fn decode(column: &ColumnType, json: &Json) -> Result<Value, String> {
    let null = json.is_null();
    let text = || json.as_str().ok_or_else(|| format!("expected text, found {json}"));
    let integer = || json.as_i64().ok_or_else(|| format!("expected a whole number, found {json}"));
    let narrow = |n: i64| -> Result<i32, String> { i32::try_from(n).map_err(|_| format!("{n} is out of range")) };
    Ok(match column {
        ColumnType::Boolean => Value::Bool(if null {
            None
        } else {
            Some(json.as_bool().ok_or(format!("expected true or false, found {json}"))?)
        }),
        ColumnType::TinyInteger | ColumnType::SmallInteger | ColumnType::Integer => {
            Value::Int(if null { None } else { Some(narrow(integer()?)?) })
        }
        ColumnType::BigInteger => Value::BigInt(if null { None } else { Some(integer()?) }),
        ColumnType::Float | ColumnType::Double => Value::Double(if null {
            None
        } else {
            Some(json.as_f64().ok_or(format!("expected a number, found {json}"))?)
        }),
        ColumnType::Char(_) | ColumnType::String(_) | ColumnType::Text | ColumnType::Enum { .. } => {
            Value::String(if null { None } else { Some(text()?.to_owned()) })
        }
        ColumnType::Blob | ColumnType::Binary(_) | ColumnType::VarBinary(_) => Value::Bytes(if null {
            None
        } else {
            Some(base64::engine::general_purpose::STANDARD.decode(text()?).map_err(|e| format!("not base64: {e}"))?)
        }),
        ColumnType::Json | ColumnType::JsonBinary => Value::Json(if null {
            None
        } else {
            Some(Box::new(serde_json::from_str(text()?).map_err(|e| format!("not JSON text: {e}"))?))
        }),
        ColumnType::Date => {
            Value::ChronoDate(if null { None } else { Some(text()?.parse().map_err(|e| format!("not a date: {e}"))?) })
        }
        ColumnType::DateTime => Value::ChronoDateTime(if null {
            None
        } else {
            Some(text()?.parse().map_err(|e| format!("not a date and time: {e}"))?)
        }),
        ColumnType::Timestamp | ColumnType::TimestampWithTimeZone => Value::ChronoDateTimeUtc(if null {
            None
        } else {
            Some(text()?.parse().map_err(|e| format!("not a time: {e}"))?)
        }),
        ColumnType::Uuid => {
            Value::Uuid(if null { None } else { Some(text()?.parse().map_err(|e| format!("not a UUID: {e}"))?) })
        }
        other => return Err(format!("a column of a kind backups do not hold: {other:?}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_value_comes_back_as_it_went() {
        let time: chrono::DateTime<chrono::Utc> = "2026-12-06T17:11:51.123456789Z".parse().unwrap();
        let cases = [
            (ColumnType::Boolean, Value::Bool(Some(true))),
            (ColumnType::Integer, Value::Int(Some(-7))),
            (ColumnType::BigInteger, Value::BigInt(Some(i64::MAX))),
            (ColumnType::Double, Value::Double(Some(0.1 + 0.2))),
            (ColumnType::Text, Value::String(Some("Zoë \"quoted\"\n".into()))),
            (ColumnType::Blob, Value::Bytes(Some(vec![0, 255, 10]))),
            (ColumnType::Json, Value::Json(Some(Box::new(Json::Null)))),
            (ColumnType::Json, Value::Json(None)),
            (ColumnType::Date, Value::ChronoDate(Some(chrono::NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()))),
            (ColumnType::TimestampWithTimeZone, Value::ChronoDateTimeUtc(Some(time))),
            (ColumnType::Uuid, Value::Uuid(Some(uuid::Uuid::new_v4()))),
            (ColumnType::Uuid, Value::Uuid(None)),
        ];
        for (column, value) in cases {
            let json = encode(value.clone()).unwrap();
            assert_eq!(decode(&column, &json).unwrap(), value, "{column:?} as {json}");
        }
        assert!(decode(&ColumnType::Uuid, &Json::from("nope")).unwrap_err().contains("not a UUID"));
        assert!(decode(&ColumnType::Integer, &Json::from(1i64 << 40)).unwrap_err().contains("out of range"));
    }
}
