//! Reading an [`super::Event`] without serde's internally tagged machinery.
//!
//! serde's derive for `#[serde(tag = "type")]` buffers every event into its private `Content`
//! tree to find the tag, then deserializes that tree again: a second pass and an allocation
//! per value, for each of the hundreds of thousands of records a review reads. sno-jury always
//! writes `"type"` first (serde's tagged `Serialize` does), so here the first key is looked at:
//! when it is `type`, the variant is known at once and the rest of the map goes straight into
//! a mirror struct of that variant (same fields, same attributes, `deny_unknown_fields`). Any
//! other order (a log edited by hand, another tool) takes a slower path that buffers the map
//! into JSON values first; both paths accept and refuse the same events.
//!
//! [`event_enum!`] declares the enum, its mirrors and its tag table from one list, so a variant
//! is written once.

use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::value::{MapAccessDeserializer, MapDeserializer, SeqDeserializer, StrDeserializer};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// An enum tagged by a `type` key: its tag table and how a variant reads the fields after it.
pub(super) trait Tagged<'de>: Sized {
    /// The tag, read as a unit-variant enum (its error names every accepted tag).
    type Tag: Deserialize<'de>;
    /// What the enum is, for serde's "expected …" messages.
    const EXPECTING: &'static str;
    /// Reads the variant `tag` from the remaining entries (a map without `type`, or a
    /// sequence after the tag).
    fn from_rest<D: Deserializer<'de>>(tag: Self::Tag, rest: D) -> Result<Self, D::Error>;
}

/// Deserializes a [`Tagged`] enum: a map with a `type` key anywhere (first is the fast path),
/// or, as serde's derive also accepts, a sequence whose first element is the tag.
pub(super) fn deserialize_tagged<'de, T: Tagged<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<T, D::Error> {
    d.deserialize_any(TaggedVisitor(PhantomData))
}

struct TaggedVisitor<T>(PhantomData<T>);

impl<'de, T: Tagged<'de>> Visitor<'de> for TaggedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        match map.next_key::<Key>()? {
            None => Err(de::Error::missing_field("type")),
            Some(Key::Type) => {
                let tag = map.next_value::<T::Tag>()?;
                T::from_rest(tag, MapAccessDeserializer::new(map))
            }
            Some(Key::Other(first)) => tag_elsewhere(first, map),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        let tag = seq
            .next_element::<T::Tag>()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let mut rest = Vec::new();
        while let Some(value) = seq.next_element::<Value>()? {
            rest.push(value);
        }
        let rest = SeqDeserializer::<_, serde_json::Error>::new(rest.into_iter());
        T::from_rest(tag, rest).map_err(de::Error::custom)
    }
}

/// The slow path: `type` is not the first key. The entries are kept in order (duplicates too,
/// so the mirror refuses them as it would on the fast path) until the tag is found.
fn tag_elsewhere<'de, T: Tagged<'de>, A: MapAccess<'de>>(
    first: String,
    mut map: A,
) -> Result<T, A::Error> {
    let mut entries = vec![(first, map.next_value::<Value>()?)];
    let mut tag = None;
    while let Some(key) = map.next_key::<Key>()? {
        match key {
            Key::Type if tag.is_some() => return Err(de::Error::duplicate_field("type")),
            Key::Type => tag = Some(map.next_value::<T::Tag>()?),
            Key::Other(name) => entries.push((name, map.next_value::<Value>()?)),
        }
    }
    let tag = tag.ok_or_else(|| de::Error::missing_field("type"))?;
    let rest = MapDeserializer::<_, serde_json::Error>::new(entries.into_iter());
    T::from_rest(tag, rest).map_err(de::Error::custom)
}

/// A key of an event's map: `type`, told without allocating, or any other key (kept only on
/// the slow path).
enum Key {
    Type,
    Other(String),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(if v == "type" {
            Key::Type
        } else {
            Key::Other(v.to_owned())
        })
    }
}

/// Deserializes a record's `ts` exactly as chrono's `Deserialize` for `DateTime<Utc>` does,
/// with a shortcut for the one form sno-jury writes (`2025-06-10T08:00:19Z`, maybe with a
/// fraction of a second): chrono's general RFC 3339 parser was ~2.5 % of a review's CPU. Any
/// other text (an offset, a leap second, lowercase letters…) is left to chrono, errors included.
pub(super) fn deserialize_ts<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    d.deserialize_str(TsVisitor)
}

struct TsVisitor;

impl Visitor<'_> for TsVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // chrono's wording, for the same message on both paths.
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime<Utc>, E> {
        match parse_utc_z(v) {
            Some(t) => Ok(t),
            None => DateTime::<Utc>::deserialize(StrDeserializer::<E>::new(v)),
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` with a valid date and time, else `None`.
fn parse_utc_z(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let shape = b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b.last() == Some(&b'Z');
    if !shape {
        return None;
    }
    let num = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let nano = match &b[19..b.len() - 1] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            num(digits)? * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let second = num(&b[17..19])?;
    // 60 is a leap second: chrono's own rules apply.
    if second >= 60 {
        return None;
    }
    let year = i32::try_from(num(&b[0..4])?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, num(&b[5..7])?, num(&b[8..10])?)?;
    let time = date.and_hms_nano_opt(num(&b[11..13])?, num(&b[14..16])?, second, nano)?;
    Some(time.and_utc())
}

/// Declares a `type`-tagged enum from one list of variants, each with its tag:
/// `Variant = "tag" { field: Type, … }` (every field followed by a comma) or `Variant = "tag"`.
/// Generates the enum (serde's tagged `Serialize`, unchanged output), `kind()` (the tag of a
/// value), a mirror struct per variant with the fields' attributes and `deny_unknown_fields`,
/// the tag table, and `Deserialize` through [`deserialize_tagged`].
macro_rules! event_enum {
    (
        $(#[$emeta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $tag:literal $({
                    $( $(#[$fmeta:meta])* $field:ident : $fty:ty, )*
                })?
            ),* $(,)?
        }
    ) => {
        $(#[$emeta])*
        #[derive(Serialize)]
        #[serde(tag = "type")]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $tag)]
                $variant $({ $( $(#[$fmeta])* $field: $fty, )* })?,
            )*
        }

        impl $name {
            /// The `type` tag as written in the log.
            pub fn kind(&self) -> &'static str {
                match self {
                    $( $name::$variant { .. } => $tag, )*
                }
            }
        }

        /// The tags, in declaration order (serde's "expected one of" lists them so).
        #[derive(Deserialize)]
        pub(super) enum EventTag {
            $( #[serde(rename = $tag)] $variant, )*
        }

        /// Every tag, for the tests that check each variant is covered.
        #[cfg(test)]
        pub(super) const EVENT_TAGS: &[&str] = &[$($tag),*];

        /// One struct per variant, with the variant's fields and their attributes: what the
        /// entries after `type` deserialize into. A variant's name must not be a type that a
        /// field names (it would shadow it here).
        mod mirror {
            use super::*;
            $(
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                pub(super) struct $variant {
                    $($( $(#[$fmeta])* pub(super) $field: $fty, )*)?
                }
            )*
        }

        impl<'de> super::event_de::Tagged<'de> for $name {
            type Tag = EventTag;
            const EXPECTING: &'static str = concat!("internally tagged enum ", stringify!($name));

            fn from_rest<D: serde::Deserializer<'de>>(
                tag: EventTag,
                rest: D,
            ) -> Result<Self, D::Error> {
                Ok(match tag {
                    $(
                        EventTag::$variant => {
                            let _m = <mirror::$variant as Deserialize>::deserialize(rest)?;
                            $name::$variant $({ $( $field: _m.$field, )* })?
                        }
                    )*
                })
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                super::event_de::deserialize_tagged(d)
            }
        }
    };
}
pub(super) use event_enum;

#[cfg(test)]
#[path = "event_de_tests.rs"]
mod tests;
