//! Resolution: from an expression and what the text knows (publication
//! date, previous date, explicit year nearby) to an ISO value.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::parse::{Ex, Part, Rel, Unit};
use crate::record::{DateAnchor, Grain};

/// One resolved period: its first day and its grain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Val {
    pub(crate) lo: NaiveDate,
    pub(crate) grain: Grain,
}

/// What an expression resolves against.
pub(crate) struct Ctx {
    pub(crate) published: Option<NaiveDate>,
    /// The last value the text resolved (for "la veille", "le lendemain").
    pub(crate) prev: Option<Val>,
    /// The expression sits next to a future marker.
    pub(crate) future: bool,
    /// The clause around it is in a past tense ("avait mis fin le 30
    /// juin"): a day without a year is then on or before publication,
    /// however close the next one is.
    pub(crate) past: bool,
    /// A year written nearby, for day and month names without one.
    pub(crate) year_hint: Option<i32>,
}

/// A resolved mention: its value and the period later anaphora count from.
pub(crate) struct Resolved {
    pub(crate) value: String,
    pub(crate) chain: Val,
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The first day of month index `i` (`year * 12 + month0`).
fn month_start(i: i64) -> Option<NaiveDate> {
    let y = i32::try_from(i.div_euclid(12)).ok()?;
    NaiveDate::from_ymd_opt(y, i.rem_euclid(12) as u32 + 1, 1)
}

fn month_index(d: NaiveDate) -> i64 {
    d.year() as i64 * 12 + d.month0() as i64
}

fn val(lo: NaiveDate, grain: Grain) -> Val {
    Val { lo, grain }
}

/// ISO 8601 text of one period; None outside years 0–9999.
pub(crate) fn format(v: Val) -> Option<String> {
    let (y, m, d) = (v.lo.year(), v.lo.month(), v.lo.day());
    if !(0..=9999).contains(&y) {
        return None;
    }
    // By hand rather than with `format!`, which took most of the time
    // `resolve` spent on a date. Every number below is non-negative.
    let y = y as u32;
    let mut out = String::with_capacity(10);
    match v.grain {
        Grain::Minute | Grain::Hour | Grain::Day => {
            push_padded(&mut out, y, 4);
            out.push('-');
            push_padded(&mut out, m, 2);
            out.push('-');
            push_padded(&mut out, d, 2);
        }
        Grain::Week => {
            let w = v.lo.iso_week();
            // The ISO year of a week may be the year before 0.
            let Ok(wy) = u32::try_from(w.year()) else {
                return Some(format!("{:04}-W{:02}", w.year(), w.week()));
            };
            push_padded(&mut out, wy, 4);
            out.push_str("-W");
            push_padded(&mut out, w.week(), 2);
        }
        Grain::Month => {
            push_padded(&mut out, y, 4);
            out.push('-');
            push_padded(&mut out, m, 2);
        }
        Grain::Quarter => {
            push_padded(&mut out, y, 4);
            out.push_str("-Q");
            push_padded(&mut out, (m - 1) / 3 + 1, 1);
        }
        // TIMEX3's season codes; a winter is named by the year it ends in.
        Grain::Season => {
            let (year, code) = match m {
                3..=5 => (y, "-SP"),
                6..=8 => (y, "-SU"),
                9..=11 => (y, "-FA"),
                12 => (y + 1, "-WI"),
                _ => (y, "-WI"),
            };
            push_padded(&mut out, year, 4);
            out.push_str(code);
        }
        Grain::Year => push_padded(&mut out, y, 4),
        Grain::Decade => push_padded(&mut out, y / 10, 3),
        Grain::Century => push_padded(&mut out, y / 100, 2),
    }
    Some(out)
}

/// Pushes `n` in decimal, with leading zeros up to `width` digits: what
/// `format!("{n:0width$}")` writes.
fn push_padded(out: &mut String, n: u32, width: usize) {
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(n);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(digits);
}

/// [`format`] as it was, with `format!`: the oracle.
#[cfg(test)]
fn format_reference(v: Val) -> Option<String> {
    let (y, m, d) = (v.lo.year(), v.lo.month(), v.lo.day());
    if !(0..=9999).contains(&y) {
        return None;
    }
    Some(match v.grain {
        Grain::Minute | Grain::Hour | Grain::Day => format!("{y:04}-{m:02}-{d:02}"),
        Grain::Week => {
            let w = v.lo.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Grain::Month => format!("{y:04}-{m:02}"),
        Grain::Quarter => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
        // TIMEX3's season codes; a winter is named by the year it ends in.
        Grain::Season => match m {
            3..=5 => format!("{y:04}-SP"),
            6..=8 => format!("{y:04}-SU"),
            9..=11 => format!("{y:04}-FA"),
            _ => format!("{:04}-WI", if m == 12 { y + 1 } else { y }),
        },
        Grain::Year => format!("{y:04}"),
        Grain::Decade => format!("{:03}", y / 10),
        Grain::Century => format!("{:02}", y / 100),
    })
}

/// The year of a day written without one, seen from publication date `p`.
///
/// The publication year, unless that puts the day more than half a year
/// after publication (news reports the recent past: "le 28 décembre" in a
/// January article is last December), or after it at all in a past
/// clause ("avait pris fin le 30 juin" in a January article) — or, when
/// the context is future, more than half a year before it. A weekday written with the day
/// ("dimanche 3 mars") picks, among the neighbouring years, one where the
/// day falls on that weekday.
fn infer_year(p: NaiveDate, m: u32, d: u32, wd: Option<Weekday>, c: &Ctx) -> Option<i32> {
    let default = nearest_year(p, c, |y| NaiveDate::from_ymd_opt(y, m, d))?;
    if let Some(wd) = wd {
        let fits = NaiveDate::from_ymd_opt(default, m, d).is_some_and(|x| x.weekday() == wd);
        if !fits {
            let y0 = p.year();
            let best = [y0 - 1, y0, y0 + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                .filter(|c| c.weekday() == wd)
                .min_by_key(|c| (*c - p).num_days().abs());
            if let Some(best) = best {
                return Some(best.year());
            }
        }
    }
    Some(default)
}

/// The year whose `date_in(year)` the half-year rule of `infer_year` picks.
fn nearest_year(p: NaiveDate, c: &Ctx, date_in: impl Fn(i32) -> Option<NaiveDate>) -> Option<i32> {
    let (y0, future) = (p.year(), c.future);
    let ahead = if c.past { 0 } else { 183 };
    match date_in(y0) {
        Some(dt) => {
            let diff = (dt - p).num_days();
            Some(if !future && diff > ahead {
                y0 - 1
            } else if future && diff < -183 {
                y0 + 1
            } else {
                y0
            })
        }
        // 29 February outside a leap year: the nearest one.
        None => [y0 - 1, y0 + 1]
            .into_iter()
            .chain((2..=4).flat_map(|k| [y0 - k, y0 + k]))
            .filter_map(date_in)
            .min_by_key(|c| (*c - p).num_days().abs())
            .map(|c| c.year()),
    }
}

/// Easter Sunday (Gregorian computus).
fn easter(y: i32) -> Option<NaiveDate> {
    if !(1583..=9999).contains(&y) {
        return None;
    }
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let next = month_start(y as i64 * 12 + m as i64)?;
    next.pred_opt()
}

/// A part of month `m` of year `y`.
fn month_part(y: i32, m: u32, part: Part) -> Option<Val> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last = month_end(y, m)?;
    Some(match part {
        Part::NthDay(n) => val(NaiveDate::from_ymd_opt(y, m, n)?, Grain::Day),
        Part::NthWeekday(n, wd) if n > 0 => {
            let w = wd.num_days_from_monday() as i64;
            let f = first.weekday().num_days_from_monday() as i64;
            let d = add_days(first, (w - f).rem_euclid(7) + 7 * (n as i64 - 1))?;
            if d.month() != m {
                return None;
            }
            val(d, Grain::Day)
        }
        Part::NthWeekday(_, wd) => {
            let w = wd.num_days_from_monday() as i64;
            let l = last.weekday().num_days_from_monday() as i64;
            val(add_days(last, -(l - w).rem_euclid(7))?, Grain::Day)
        }
        Part::LastDay => val(last, Grain::Day),
        // The first week that starts in the month, and the last one that
        // ends in it.
        Part::FirstWeek => {
            let back = first.weekday().num_days_from_monday() as i64;
            val(
                add_days(first, if back == 0 { 0 } else { 7 - back })?,
                Grain::Week,
            )
        }
        Part::LastWeek => {
            let fwd = 6 - last.weekday().num_days_from_monday() as i64;
            val(
                add_days(last, if fwd == 0 { -6 } else { -6 - (7 - fwd) })?,
                Grain::Week,
            )
        }
    })
}

/// "mercredi 13": the nearest month (within a year) where the 13th is a
/// Wednesday; the past wins ties, the future wins in a future context.
fn day_of_month(p: NaiveDate, d: u32, wd: Weekday, future: bool) -> Option<NaiveDate> {
    let pi = month_index(p);
    (-12..=12)
        .filter_map(|k| {
            let s = month_start(pi + k)?;
            NaiveDate::from_ymd_opt(s.year(), s.month(), d)
        })
        .filter(|x| x.weekday() == wd && (!future || *x >= p))
        .min_by_key(|x| ((*x - p).num_days().abs(), *x > p))
}

fn weekday_from(base: NaiveDate, wd: Weekday, rel: Rel, future: bool) -> Option<NaiveDate> {
    let pd = base.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    let off = match rel {
        Rel::This => w - pd,
        Rel::InWeek(n) | Rel::InWeekPrev(n) => w - pd + 7 * n,
        Rel::Eight(n) => (w - pd).rem_euclid(7) + 7 * n,
        Rel::Last | Rel::BeforePrev => {
            let b = (pd - w).rem_euclid(7);
            -(if b == 0 { 7 } else { b })
        }
        Rel::Next | Rel::AfterPrev => {
            let f = (w - pd).rem_euclid(7);
            if f == 0 {
                7
            } else {
                f
            }
        }
        Rel::Bare if future => (w - pd).rem_euclid(7),
        Rel::Bare => -(pd - w).rem_euclid(7),
    };
    add_days(base, off)
}

/// The index (`year * 4 + season`, winter 0 … autumn 3) of the season
/// holding day `d`; December opens the next year's winter.
fn season_index(d: NaiveDate) -> i64 {
    let (y, m) = (i64::from(d.year()), d.month());
    match m {
        12 => (y + 1) * 4,
        1 | 2 => y * 4,
        _ => y * 4 + i64::from((m - 3) / 3 + 1),
    }
}

/// The first day of season index `i`: 1 March, 1 June, 1 September, and
/// 1 December of the year before for a winter.
fn season_start(i: i64) -> Option<NaiveDate> {
    let (y, s) = (i32::try_from(i.div_euclid(4)).ok()?, i.rem_euclid(4) as u32);
    match s {
        0 => NaiveDate::from_ymd_opt(y - 1, 12, 1),
        _ => NaiveDate::from_ymd_opt(y, s * 3, 1),
    }
}

/// The index of period `p` (0-based within a year of `per_year` periods)
/// seen from index `pi` under `rel` (months, seasons, quarters). A
/// bare period outside a future context is the last one, unless this
/// year's is at most `ahead` periods away.
fn period_from(pi: i64, p: u32, per_year: i64, rel: Rel, future: bool, ahead: i64) -> i64 {
    let base = pi - pi.rem_euclid(per_year) + i64::from(p);
    match rel {
        Rel::Last if base >= pi => base - per_year,
        Rel::Next if base <= pi => base + per_year,
        Rel::Last | Rel::Next => base,
        _ if future && base < pi => base + per_year,
        _ if !future && base > pi + ahead => base - per_year,
        _ => base,
    }
}

/// The month index of month `m` seen from `pi` under `rel`: past unless
/// the context is future, strictly so under "dernier"/"prochain".
fn month_from(pi: i64, m: u32, rel: Rel, future: bool) -> i64 {
    period_from(pi, m - 1, 12, rel, future, 0)
}

fn shift(base: NaiveDate, unit: Unit, n: i64) -> Option<Val> {
    Some(match unit {
        Unit::Day => val(add_days(base, n)?, Grain::Day),
        Unit::Week => val(add_days(base, n.checked_mul(7)?)?, Grain::Week),
        Unit::Month => val(
            month_start(month_index(base).checked_add(n)?)?,
            Grain::Month,
        ),
        Unit::Year => {
            let y = i32::try_from(base.year() as i64 + n).ok()?;
            val(NaiveDate::from_ymd_opt(y, 1, 1)?, Grain::Year)
        }
    })
}

/// Resolves a single period; None when what it needs is unknown.
pub(crate) fn point(ex: &Ex, c: &Ctx) -> Option<Val> {
    match *ex {
        Ex::Day { y, m, d, wd } => {
            let y = match (y, c.year_hint) {
                (Some(y), _) | (None, Some(y)) => y,
                (None, None) => infer_year(c.published?, m, d, wd, c)?,
            };
            Some(val(NaiveDate::from_ymd_opt(y, m, d)?, Grain::Day))
        }
        Ex::DayOfMonth { d, wd } => Some(val(
            day_of_month(c.published?, d, wd, c.future)?,
            Grain::Day,
        )),
        Ex::BareDay(_) => None,
        Ex::Month { y: Some(y), m, .. } => {
            Some(val(NaiveDate::from_ymd_opt(y, m, 1)?, Grain::Month))
        }
        Ex::Month { y: None, m, rel } => {
            if let (Rel::Bare, Some(y)) = (rel, c.year_hint) {
                return Some(val(NaiveDate::from_ymd_opt(y, m, 1)?, Grain::Month));
            }
            let pi = month_index(c.published?);
            Some(val(
                month_start(month_from(pi, m, rel, c.future))?,
                Grain::Month,
            ))
        }
        Ex::Year(y) => Some(val(NaiveDate::from_ymd_opt(y, 1, 1)?, Grain::Year)),
        Ex::Season { y, s, rel } => {
            let i = match (y, rel, c.year_hint) {
                (Some(y), ..) | (None, Rel::Bare, Some(y)) => i64::from(y) * 4 + i64::from(s),
                // Like a day without its year, a season is the nearest one
                // (within half a year ahead, unless the context is past…
                // which no tense test tells apart from none).
                _ => period_from(season_index(c.published?), s, 4, rel, c.future, 2),
            };
            Some(val(season_start(i)?, Grain::Season))
        }
        Ex::Quarter { y, q, rel } => {
            let i = match (y, rel, c.year_hint) {
                (Some(y), ..) | (None, Rel::Bare, Some(y)) => i64::from(y) * 4 + i64::from(q - 1),
                _ => {
                    let pi = month_index(c.published?).div_euclid(3);
                    period_from(pi, q - 1, 4, rel, c.future, 0)
                }
            };
            let m = i.rem_euclid(4) as u32 * 3 + 1;
            let y = i32::try_from(i.div_euclid(4)).ok()?;
            Some(val(NaiveDate::from_ymd_opt(y, m, 1)?, Grain::Quarter))
        }
        Ex::Decade(y) => Some(val(NaiveDate::from_ymd_opt(y, 1, 1)?, Grain::Decade)),
        Ex::Century(y) => Some(val(NaiveDate::from_ymd_opt(y, 1, 1)?, Grain::Century)),
        Ex::Weekday { wd, rel } => {
            let base = match rel {
                Rel::AfterPrev | Rel::BeforePrev => c.prev.filter(|p| p.grain == Grain::Day)?.lo,
                Rel::InWeekPrev(_) => c.prev.filter(|p| p.grain <= Grain::Week)?.lo,
                _ => c.published?,
            };
            Some(val(weekday_from(base, wd, rel, c.future)?, Grain::Day))
        }
        Ex::Shift { unit, n, prev } => {
            let base = if prev {
                c.prev.filter(|p| p.grain <= unit.grain())?.lo
            } else {
                c.published?
            };
            shift(base, unit, n)
        }
        Ex::Weekend(n) => {
            let p = c.published?;
            let from_sunday = p.weekday().num_days_from_sunday() as i64;
            let day = match n {
                // The last Sunday strictly before publication.
                n if n < 0 => add_days(p, -(if from_sunday == 0 { 7 } else { from_sunday }))?,
                // "ce week-end": the publication's own on a Saturday or a
                // Sunday; else the coming one in a future context, and the
                // one just past otherwise (a Monday's "ce week-end, deux
                // attaques ont visé…").
                0 if from_sunday == 0 || from_sunday == 6 => p,
                0 if c.future => add_days(p, 6 - from_sunday)?,
                0 => add_days(p, -from_sunday)?,
                // The next Saturday strictly after publication.
                _ => {
                    let f = (5 - p.weekday().num_days_from_monday() as i64).rem_euclid(7);
                    add_days(p, if f == 0 { 7 } else { f })?
                }
            };
            Some(val(day, Grain::Week))
        }
        Ex::DayOnly(d) => {
            let p = c.published?;
            let pi = month_index(p);
            let cands = [pi - 1, pi, pi + 1].map(|i| {
                month_start(i).and_then(|s| NaiveDate::from_ymd_opt(s.year(), s.month(), d))
            });
            let pick = if c.future {
                cands.into_iter().flatten().find(|x| *x >= p)
            } else {
                cands.into_iter().flatten().rev().find(|x| *x <= p)
            };
            Some(val(pick?, Grain::Day))
        }
        Ex::Easter { y, offset } => {
            let y = match y {
                Some(y) => y,
                None => nearest_year(c.published?, c, |y| {
                    easter(y).and_then(|e| add_days(e, offset))
                })?,
            };
            Some(val(add_days(easter(y)?, offset)?, Grain::Day))
        }
        Ex::MonthPart { y, m, part } => {
            let y = match y {
                Some(y) => y,
                None => month_start(month_from(
                    month_index(c.published?),
                    m,
                    Rel::Bare,
                    c.future,
                ))?
                .year(),
            };
            month_part(y, m, part)
        }
        Ex::PartOf(part, ref month) => {
            let v = point(month, c)?;
            month_part(v.lo.year(), v.lo.month(), part)
        }
        Ex::WeekOf(ref inner) => Some(val(point(inner, c)?.lo, Grain::Week)),
        Ex::Vague { .. } | Ex::Range(..) | Ex::From(_) | Ex::Until(_) => None,
    }
}

/// The left end of a range, completed from the resolved right end when it
/// lacks a year or is a bare weekday.
fn left_end(a: &Ex, b: Val, c: &Ctx) -> Option<Val> {
    match *a {
        Ex::Day { y: None, m, d, .. } => {
            let mut dt = NaiveDate::from_ymd_opt(b.lo.year(), m, d)?;
            if dt > b.lo {
                dt = NaiveDate::from_ymd_opt(b.lo.year() - 1, m, d)?;
            }
            Some(val(dt, Grain::Day))
        }
        Ex::Month {
            y: None,
            m,
            rel: Rel::Bare,
        } => {
            let bi = month_index(b.lo);
            Some(val(
                month_start(month_from(bi, m, Rel::Bare, false))?,
                Grain::Month,
            ))
        }
        Ex::Weekday { wd, rel: Rel::Bare } => {
            Some(val(weekday_from(b.lo, wd, Rel::Bare, false)?, Grain::Day))
        }
        _ => point(a, c),
    }
}

/// The end of "jusqu'en septembre". An end set in a past clause ("a
/// suspendu l'orpaillage jusqu'à fin septembre", published in August) is
/// most often still ahead: a month without a year then keeps the half-year
/// rule of days (see [`nearest_year`]) rather than the past a bare month
/// takes.
fn end_point(b: &Ex, c: &Ctx) -> Option<Val> {
    match *b {
        Ex::Month {
            y: None,
            m,
            rel: Rel::Bare,
        } if !c.future && c.year_hint.is_none() => {
            let pi = month_index(c.published?);
            let i = period_from(pi, m - 1, 12, Rel::Bare, false, 6);
            Some(val(month_start(i)?, Grain::Month))
        }
        _ => point(b, c),
    }
}

/// Resolves any expression to its value text.
pub(crate) fn resolve(ex: &Ex, c: &Ctx) -> Option<Resolved> {
    match ex {
        Ex::Range(a, b) => {
            let vb = point(b, c)?;
            let va = left_end(a, vb, c)?;
            Some(Resolved {
                value: format!("{}/{}", format(va)?, format(vb)?),
                chain: vb,
            })
        }
        Ex::From(a) => {
            let va = point(a, c)?;
            Some(Resolved {
                value: format!("{}/..", format(va)?),
                chain: va,
            })
        }
        Ex::Until(b) => {
            let vb = end_point(b, c)?;
            Some(Resolved {
                value: format!("../{}", format(vb)?),
                chain: vb,
            })
        }
        _ => {
            let v = point(ex, c)?;
            Some(Resolved {
                value: format(v)?,
                chain: v,
            })
        }
    }
}

/// Whether a day or month without a year would take one from the text.
pub(crate) fn wants_year(ex: &Ex) -> bool {
    match ex {
        Ex::Day { y: None, .. }
        | Ex::Month {
            y: None,
            rel: Rel::Bare,
            ..
        } => true,
        Ex::Range(_, b) | Ex::From(b) | Ex::Until(b) => wants_year(b),
        _ => false,
    }
}

/// The year an expression writes out, for the day and month names after it.
pub(crate) fn explicit_year(ex: &Ex) -> Option<i32> {
    match ex {
        Ex::Day { y: Some(y), .. }
        | Ex::Month { y: Some(y), .. }
        | Ex::Season { y: Some(y), .. }
        | Ex::Quarter { y: Some(y), .. }
        | Ex::Year(y)
        | Ex::Easter { y: Some(y), .. }
        | Ex::MonthPart { y: Some(y), .. } => Some(*y),
        // "depuis 1982", "depuis septembre 2022" open a long period: a day
        // later in the sentence is not of that year ("au pouvoir depuis
        // septembre 2022, a dissous fin janvier les partis").
        Ex::From(_) => None,
        Ex::Range(_, b) | Ex::Until(b) => explicit_year(b),
        _ => None,
    }
}

fn rank(a: DateAnchor) -> u8 {
    match a {
        DateAnchor::Absolute => 0,
        DateAnchor::Publication | DateAnchor::Dateline => 1,
        DateAnchor::Previous => 2,
    }
}

/// What the value was computed from; `hinted` when a nearby written year
/// completed it.
pub(crate) fn anchor(ex: &Ex, hinted: bool) -> DateAnchor {
    match ex {
        Ex::Day { y: Some(_), .. }
        | Ex::Month { y: Some(_), .. }
        | Ex::Season { y: Some(_), .. }
        | Ex::Quarter { y: Some(_), .. }
        | Ex::Year(_)
        | Ex::Decade(_)
        | Ex::Century(_)
        | Ex::Easter { y: Some(_), .. }
        | Ex::MonthPart { y: Some(_), .. } => DateAnchor::Absolute,
        Ex::WeekOf(inner) | Ex::PartOf(_, inner) => anchor(inner, hinted),
        Ex::Weekday {
            rel: Rel::InWeekPrev(_),
            ..
        } => DateAnchor::Previous,
        Ex::Day { y: None, .. }
        | Ex::Month {
            y: None,
            rel: Rel::Bare,
            ..
        } if hinted => DateAnchor::Previous,
        Ex::Weekday {
            rel: Rel::AfterPrev | Rel::BeforePrev,
            ..
        } => DateAnchor::Previous,
        Ex::Shift { prev: true, .. } | Ex::Vague { prev: true, .. } => DateAnchor::Previous,
        Ex::Range(a, b) => {
            let rb = anchor(b, hinted);
            let completed = matches!(
                **a,
                Ex::Day { y: None, .. }
                    | Ex::Month {
                        y: None,
                        rel: Rel::Bare,
                        ..
                    }
                    | Ex::BareDay(_)
                    | Ex::Weekday { rel: Rel::Bare, .. }
            );
            if completed {
                rb
            } else {
                let ra = anchor(a, hinted);
                if rank(ra) > rank(rb) {
                    ra
                } else {
                    rb
                }
            }
        }
        Ex::From(a) | Ex::Until(a) => anchor(a, hinted),
        _ => DateAnchor::Publication,
    }
}

#[cfg(test)]
mod format_tests {
    use super::*;

    /// `format` writes what `format!` did, at every grain, on days from
    /// the year 0 to 9999 and around the ends of years.
    #[test]
    fn format_equals_reference() {
        let grains = [
            Grain::Minute,
            Grain::Hour,
            Grain::Day,
            Grain::Week,
            Grain::Month,
            Grain::Quarter,
            Grain::Season,
            Grain::Year,
            Grain::Decade,
            Grain::Century,
        ];
        let mut days = Vec::new();
        for y in [0, 1, 9, 10, 99, 100, 999, 1000, 1999, 2024, 9998, 9999] {
            for (m, d) in [
                (1, 1),
                (1, 3),
                (3, 31),
                (6, 15),
                (9, 30),
                (12, 28),
                (12, 31),
            ] {
                days.extend(NaiveDate::from_ymd_opt(y, m, d));
            }
        }
        days.extend(NaiveDate::from_ymd_opt(-1, 12, 31));
        days.extend(NaiveDate::from_ymd_opt(10000, 1, 1));
        let mut d = NaiveDate::from_ymd_opt(2023, 12, 1).unwrap();
        for _ in 0..500 {
            days.push(d);
            d = d.succ_opt().unwrap();
        }
        for lo in days {
            for grain in grains {
                assert_eq!(
                    format(Val { lo, grain }),
                    format_reference(Val { lo, grain }),
                    "{lo} {grain:?}"
                );
            }
        }
    }
}
