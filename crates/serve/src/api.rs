//! The routes: the JSON API under `/api`, `/openapi.json`, and the page.
use crate::aggregate::NetNode;
use crate::highlight::{highlights, DocText, Highlight};
use crate::model::*;
use crate::query::{Params, FILTER_PARAMS};
use crate::{MAX_BODY, MAX_QUERY, TIMEOUT};
use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rasd_dict::Dict;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Server settings.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The token that write requests must carry (`Authorization: Bearer TOKEN`); without one the
    /// server is read-only.
    pub token: Option<String>,
}

#[derive(Clone)]
struct App {
    backend: Arc<dyn Backend>,
    dict: Arc<Dict>,
    token: Option<Arc<str>>,
}

/// An error answer: a status and a JSON message.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad(m: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: m.into(),
        }
    }
    fn not_found(m: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: m.into(),
        }
    }
    fn internal(m: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: m.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({"error": self.message, "status": self.status.as_u16()})),
        )
            .into_response()
    }
}

impl From<BackendError> for ApiError {
    fn from(e: BackendError) -> Self {
        if e.invalid_query {
            ApiError::bad(e.message)
        } else {
            ApiError::internal(format!("store: {e}"))
        }
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

/// Run store work off the async threads.
async fn blocking<T: Send + 'static>(
    app: &App,
    f: impl FnOnce(&dyn Backend, &Dict) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let b = app.backend.clone();
    let d = app.dict.clone();
    tokio::task::spawn_blocking(move || f(b.as_ref(), d.as_ref()))
        .await
        .map_err(|e| ApiError::internal(format!("worker: {e}")))?
}

fn params(raw: &Option<String>, allowed: &[&str]) -> Result<Params, ApiError> {
    Params::parse(raw.as_deref(), allowed).map_err(ApiError::bad)
}

fn with_filter(extra: &[&'static str]) -> Vec<&'static str> {
    let mut v: Vec<&str> = FILTER_PARAMS.to_vec();
    v.extend_from_slice(extra);
    v
}

/// The page, its assets and the API.
pub fn router<B: Backend>(backend: B, config: Config) -> Result<Router, String> {
    let dict = Dict::embedded().map_err(|e| format!("dictionaries: {e}"))?;
    let app = App {
        backend: Arc::new(backend),
        dict: Arc::new(dict),
        token: config.token.map(Arc::from),
    };
    Ok(Router::new()
        .route("/", get(page))
        .route("/assets/app.js", get(app_js))
        .route("/assets/app.css", get(app_css))
        .route("/assets/favicon.svg", get(favicon))
        .route("/openapi.json", get(openapi))
        .route("/api", get(meta))
        .route("/api/meta", get(meta))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/search", get(search))
        .route("/api/actors", get(actors))
        .route("/api/timeline", get(timeline))
        .route("/api/network", get(network))
        .route("/api/export", get(export))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            TIMEOUT,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| ApiError::internal("internal error").into_response(),
        ))
        .with_state(app))
}

/// Method and size checks, and the security headers of every answer.
async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    let uri_len = req.uri().path().len() + req.uri().query().map_or(0, str::len);
    if uri_len > MAX_QUERY + 512 {
        return ApiError::bad(format!("request target too long ({uri_len} bytes)")).into_response();
    }
    if req.uri().query().is_some_and(|q| q.len() > MAX_QUERY) {
        return ApiError::bad(format!("query string too long (at most {MAX_QUERY} bytes)"))
            .into_response();
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let auth = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        match (&app.token, auth) {
            (None, _) => {
                let mut r = ApiError {
                    status: StatusCode::METHOD_NOT_ALLOWED,
                    message: "this server is read-only: GET and HEAD only (start it with --token \
                              to allow writes)"
                        .into(),
                }
                .into_response();
                r.headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
                return r;
            }
            (Some(t), Some(a)) if constant_eq(t.as_bytes(), a.as_bytes()) => {}
            (Some(_), _) => {
                return ApiError {
                    status: StatusCode::UNAUTHORIZED,
                    message: "a valid bearer token is required".into(),
                }
                .into_response()
            }
        }
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn not_found(req: Request) -> ApiError {
    ApiError::not_found(format!("no such resource: {}", req.uri().path()))
}

fn asset(ctype: &'static str, body: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, ctype),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Body::from(body),
    )
        .into_response()
}

async fn page() -> Response {
    asset(
        "text/html; charset=utf-8",
        include_bytes!("../assets/index.html"),
    )
}
async fn app_js() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    )
}
async fn app_css() -> Response {
    asset(
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    )
}
async fn favicon() -> Response {
    asset("image/svg+xml", include_bytes!("../assets/favicon.svg"))
}
async fn openapi() -> Response {
    asset("application/json", include_bytes!("../assets/openapi.json"))
}

// ---------------------------------------------------------------------------------------------
// JSON shapes

fn doc_summary(d: &DocMeta) -> Value {
    json!({
        "id": d.id,
        "name": d.name,
        "title": d.title,
        "outlet": d.outlet,
        "published": d.published,
        "url": d.url,
    })
}

/// An event as listed: its primary report's fields, its document, how many documents report it.
fn event_json(se: &StoredEvent) -> Value {
    let (Some(m), Some(ev)) = (se.mentions.first(), se.event()) else {
        return json!({"id": se.id});
    };
    let mut v = serde_json::to_value(ev).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.insert("id".into(), json!(se.id));
        o.insert("doc".into(), json!(m.doc.id));
        o.insert("document".into(), doc_summary(&m.doc));
        o.insert("sources".into(), json!(distinct_docs(se)));
        o.insert("quad".into(), json!(rasd_export::plover_quad(&ev.kind)));
    }
    v
}

fn distinct_docs(se: &StoredEvent) -> usize {
    if se.n_sources > 0 {
        return se.n_sources;
    }
    let mut ids: Vec<&str> = se.mentions.iter().map(|m| m.doc.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// Arabic forms of a place (English gazetteer name) or a country (ISO3).
fn place_forms(dict: &Dict, name: &str) -> Vec<String> {
    if let Some(p) = dict.place_named(name) {
        return p.ar.clone();
    }
    if let Some(c) = dict.country(name) {
        let mut v = c.ar.clone();
        v.extend(c.capital_ar.iter().cloned());
        return v;
    }
    if let Some(c) = dict.countries.iter().find(|c| c.name == name) {
        return c.ar.clone();
    }
    vec![]
}

fn event_highlights(dict: &Dict, ev: &rasd_code::Event, text: &str) -> Vec<Highlight> {
    highlights(ev, text, &|n| place_forms(dict, n))
}

// ---------------------------------------------------------------------------------------------
// handlers

async fn meta(State(app): State<App>, RawQuery(q): RawQuery) -> ApiResult {
    params(&q, &[])?;
    let read_only = app.token.is_none();
    blocking(&app, move |b, _| {
        let o = b.overview()?;
        Ok(Json(json!({
            "name": "rasd",
            "version": env!("CARGO_PKG_VERSION"),
            "documents": o.documents,
            "events": o.events,
            "outlets": o.outlets,
            "types": o.types,
            "countries": o.countries,
            "first": o.first,
            "last": o.last,
            "read_only": read_only,
        })))
    })
    .await
}

async fn events(State(app): State<App>, RawQuery(q): RawQuery) -> ApiResult {
    let p = params(&q, &with_filter(&["offset", "limit", "sort"]))?;
    let filter = p.filter().map_err(ApiError::bad)?;
    let offset = p.num("offset", 0, 1_000_000).map_err(ApiError::bad)?;
    let limit = p.num("limit", 50, 500).map_err(ApiError::bad)?;
    let newest_first = match p.get("sort").unwrap_or("date") {
        "date" => false,
        "-date" => true,
        s => {
            return Err(ApiError::bad(format!(
                "sort must be date or -date, not {s:?}"
            )))
        }
    };
    blocking(&app, move |b, _| {
        let (total, events) = b.page(&filter, newest_first, offset, limit)?;
        let page: Vec<Value> = events.iter().map(event_json).collect();
        Ok(Json(json!({
            "total": total,
            "offset": offset,
            "limit": limit,
            "events": page,
        })))
    })
    .await
}

fn check_id(id: &str) -> Result<(), ApiError> {
    if id.is_empty() || id.len() > 200 || id.chars().any(char::is_control) {
        return Err(ApiError::bad("malformed id"));
    }
    Ok(())
}

async fn event(
    State(app): State<App>,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    let Path(id) = path.map_err(|e| ApiError::bad(e.body_text()))?;
    check_id(&id)?;
    params(&q, &[])?;
    blocking(&app, move |b, dict| {
        let se = b
            .event(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no event {id:?}")))?;
        let mut v = event_json(&se);
        let mut mentions = Vec::new();
        for m in &se.mentions {
            let hl = match b.document(&m.doc.id)? {
                Some(d) => event_highlights(dict, &m.event, &d.text),
                None => vec![],
            };
            let mut ev = serde_json::to_value(&m.event).unwrap_or(Value::Null);
            if let Some(o) = ev.as_object_mut() {
                o.insert("document".into(), doc_summary(&m.doc));
                o.insert("highlights".into(), json!(hl));
            }
            mentions.push(ev);
        }
        if let Some(o) = v.as_object_mut() {
            o.insert("mentions".into(), json!(mentions));
        }
        Ok(Json(v))
    })
    .await
}

async fn documents(State(app): State<App>, RawQuery(q): RawQuery) -> ApiResult {
    let p = params(&q, &["outlet", "offset", "limit"])?;
    let offset = p.num("offset", 0, 1_000_000).map_err(ApiError::bad)?;
    let limit = p.num("limit", 100, 1000).map_err(ApiError::bad)?;
    let outlet = p.get("outlet").map(rasd_text::normalize);
    blocking(&app, move |b, _| {
        let docs: Vec<DocMeta> = b
            .documents()?
            .into_iter()
            .filter(|d| {
                outlet.as_ref().is_none_or(|o| {
                    d.outlet
                        .as_deref()
                        .is_some_and(|x| rasd_text::normalize(x).contains(o.as_str()))
                })
            })
            .collect();
        Ok(Json(json!({
            "total": docs.len(),
            "documents": docs.iter().skip(offset).take(limit).map(doc_summary).collect::<Vec<_>>(),
        })))
    })
    .await
}

async fn document(
    State(app): State<App>,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    let Path(id) = path.map_err(|e| ApiError::bad(e.body_text()))?;
    check_id(&id)?;
    let p = params(&q, &["event"])?;
    let chosen = p.get("event").map(String::from);
    blocking(&app, move |b, dict| {
        let d = b
            .document(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))?;
        let evs = b.events(&Filter {
            doc: Some(id.clone()),
            ..Filter::default()
        })?;
        let mut events = Vec::new();
        for se in &evs {
            for m in se.mentions.iter().filter(|m| m.doc.id == id) {
                let mut v = serde_json::to_value(&m.event).unwrap_or(Value::Null);
                if let Some(o) = v.as_object_mut() {
                    o.insert("id".into(), json!(se.id));
                    o.insert(
                        "highlights".into(),
                        json!(event_highlights(dict, &m.event, &d.text)),
                    );
                }
                events.push(v);
            }
        }
        let mut v = doc_summary(&d.meta);
        if let Some(o) = v.as_object_mut() {
            o.insert("text".into(), json!(d.text));
            o.insert("length".into(), json!(d.text.chars().count()));
            o.insert("furniture".into(), json!(d.furniture));
            o.insert("events".into(), json!(events));
            o.insert("event".into(), json!(chosen));
        }
        Ok(Json(v))
    })
    .await
}

/// The title, else the first line of article text (not furniture) long enough to be a headline.
pub fn heading(d: &StoredDoc) -> String {
    if let Some(t) = d.meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return t.trim().to_string();
    }
    let mut at = 0;
    for line in d.text.split('\n') {
        let n = line.chars().count();
        let furniture = d.furniture.iter().any(|f| f.start <= at && at < f.end);
        at += n + 1;
        let t = line.trim();
        if !furniture && t.chars().count() >= 15 {
            let mut h: String = t.chars().take(140).collect();
            if t.chars().count() > 140 {
                h.push('…');
            }
            return h;
        }
    }
    d.meta.name.clone()
}

/// A window of text around the first matches, with the matches' offsets inside it.
fn snippet(doc: &DocText, matches: &[(usize, usize)], width: usize) -> Value {
    let Some(&(a, _)) = matches.first() else {
        let end = doc.len().min(width * 2);
        return json!({"text": doc.slice(0, end), "marks": [], "start": 0});
    };
    let lo = a.saturating_sub(width);
    let hi = (a + width).min(doc.len());
    // start and end at word boundaries
    let text = doc.slice(lo, hi);
    let skip = if lo > 0 {
        text.chars()
            .position(char::is_whitespace)
            .map_or(0, |i| i + 1)
    } else {
        0
    };
    let lo = lo + skip;
    let text = doc.slice(lo, hi);
    let marks: Vec<[usize; 2]> = matches
        .iter()
        .filter(|&&(s, e)| s >= lo && e <= hi)
        .map(|&(s, e)| [s - lo, e - lo])
        .collect();
    json!({"text": text, "marks": marks, "start": lo})
}

async fn search(State(app): State<App>, RawQuery(q): RawQuery) -> ApiResult {
    let p = params(&q, &with_filter(&["q", "limit"]))?;
    let query = p
        .get("q")
        .ok_or_else(|| ApiError::bad("q (the words to search for) is required"))?
        .to_string();
    let filter = p.filter().map_err(ApiError::bad)?;
    let limit = p.num("limit", 20, 200).map_err(ApiError::bad)?;
    blocking(&app, move |b, _| {
        let result = search_all(b, &query, &filter, limit)?;
        Ok(Json(result))
    })
    .await
}

/// Ranked documents and their events for a query, with snippets. Used by the API and `rasd search`.
pub fn search_all(
    b: &dyn Backend,
    query: &str,
    filter: &Filter,
    limit: usize,
) -> Result<Value, BackendError> {
    let hits = b.search(query, limit.saturating_mul(4).max(50))?;
    let filtered = *filter != Filter::default();
    // the events of a document that pass the filter (a query per document shown)
    let events_of = |doc: &str| -> Result<Vec<StoredEvent>, BackendError> {
        let mut evs = b.events(&Filter {
            doc: Some(doc.to_string()),
            ..filter.clone()
        })?;
        if let Some(d) = filter.doc.as_deref().filter(|d| *d != doc) {
            evs.retain(|e| e.mentions.iter().any(|m| m.doc.id == d));
        }
        Ok(evs)
    };
    let mut docs = Vec::new();
    let mut evs: Vec<Value> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for h in hits {
        if docs.len() >= limit {
            break;
        }
        let doc_events = events_of(&h.doc_id)?;
        let doc_events: Vec<&StoredEvent> = doc_events.iter().collect();
        if filtered && doc_events.is_empty() {
            continue;
        }
        let Some(d) = b.document(&h.doc_id)? else {
            continue;
        };
        if docs.len() >= limit {
            break;
        }
        let dt = DocText::new(&d.text);
        let mut v = doc_summary(&d.meta);
        if let Some(o) = v.as_object_mut() {
            o.insert("heading".into(), json!(heading(&d)));
            o.insert("score".into(), json!((h.score * 1000.0).round() / 1000.0));
            o.insert("matches".into(), json!(h.matches.len()));
            o.insert("snippet".into(), snippet(&dt, &h.matches, 90));
            o.insert(
                "events".into(),
                json!(doc_events.iter().map(|e| e.id.clone()).collect::<Vec<_>>()),
            );
        }
        docs.push(v);
        let mut des = doc_events.clone();
        des.sort_by_key(|e| !e.event().is_some_and(|e| e.headline));
        for se in des {
            if seen.insert(se.id.clone()) {
                evs.push(event_json(se));
            }
        }
    }
    Ok(json!({"query": query, "documents": docs, "events": evs}))
}

async fn actors(State(app): State<App>, RawQuery(q): RawQuery) -> ApiResult {
    let p = params(&q, &with_filter(&["limit"]))?;
    let filter = p.filter().map_err(ApiError::bad)?;
    let limit = p.num("limit", 200, 5000).map_err(ApiError::bad)?;
    blocking(&app, move |b, dict| {
        let (total, list) = b.actors(&filter, limit)?;
        let out: Vec<Value> = list
            .into_iter()
            .map(|x| {
                let id = x.key;
                let person = dict.people.iter().find(|p| p.id == id);
                let roles: Vec<Value> = person
                    .map(|p| {
                        p.roles
                            .iter()
                            .map(|r| {
                                json!({
                                    "role": r.role,
                                    "org": r.org,
                                    "from": r.from,
                                    "to": if r.to.is_empty() { None } else { Some(&r.to) },
                                    "sector": r.sector.clone().unwrap_or_else(|| "GOV".into()),
                                    "country": p.country,
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let kind = if person.is_some() {
                    "person"
                } else if dict.country(&id).is_some() {
                    "state"
                } else if dict.org(&id).is_some() {
                    "organisation"
                } else {
                    "other"
                };
                json!({
                    "id": id,
                    "name": x.name,
                    "kind": kind,
                    "country": x.country,
                    "sector": x.sector,
                    "events": x.as_source + x.as_target,
                    "as_source": x.as_source,
                    "as_target": x.as_target,
                    "first": x.first,
                    "last": x.last,
                    "forms": x.forms,
                    "roles": roles,
                    "sectors_by_year": x.sectors_by_year,
                })
            })
            .collect();
        Ok(Json(json!({"total": total, "actors": out})))
    })
    .await
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// The bucket of a date: the day, the Monday of its week, or its month. `None` when the date is less
/// precise than the bucket.
pub fn bucket(date: &str, interval: &str) -> Option<String> {
    let p: Vec<i64> = date
        .split('-')
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    match (interval, p.as_slice()) {
        ("month", [y, m, ..]) => Some(format!("{y:04}-{m:02}")),
        ("year", [y, ..]) => Some(format!("{y:04}")),
        ("day", [_, _, _]) => Some(date.to_string()),
        ("week", [y, m, d]) => {
            let z = days_from_civil(*y, *m, *d);
            let weekday = (z + 3).rem_euclid(7); // 0 = Monday
            let (y, m, d) = civil_from_days(z - weekday);
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

async fn timeline(State(app): State<App>, RawQuery(q): RawQuery) -> ApiResult {
    let p = params(&q, &with_filter(&["interval"]))?;
    let filter = p.filter().map_err(ApiError::bad)?;
    let interval = p.get("interval").unwrap_or("day").to_string();
    if !matches!(interval.as_str(), "day" | "week" | "month" | "year") {
        return Err(ApiError::bad(format!(
            "interval must be day, week, month or year, not {interval:?}"
        )));
    }
    blocking(&app, move |b, _| {
        let t = b.timeline(&filter, &interval)?;
        let mut buckets: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        let mut types: BTreeMap<String, usize> = BTreeMap::new();
        for p in t.points {
            *types.entry(p.kind.clone()).or_default() += p.ids.len();
            buckets.entry(p.period).or_default().insert(p.kind, p.ids);
        }
        let imprecise = t.imprecise;
        let list: Vec<Value> = buckets
            .into_iter()
            .map(|(period, by_type)| {
                let total: usize = by_type.values().map(Vec::len).sum();
                let counts: BTreeMap<&String, usize> =
                    by_type.iter().map(|(k, v)| (k, v.len())).collect();
                json!({"period": period, "total": total, "counts": counts, "events": by_type})
            })
            .collect();
        Ok(Json(json!({
            "interval": interval,
            "types": types,
            "buckets": list,
            "imprecise": imprecise,
        })))
    })
    .await
}

async fn network(State(app): State<App>, RawQuery(q): RawQuery) -> ApiResult {
    let p = params(&q, &with_filter(&["level", "limit"]))?;
    let filter = p.filter().map_err(ApiError::bad)?;
    let level = p.get("level").unwrap_or("actor").to_string();
    if !matches!(level.as_str(), "actor" | "country") {
        return Err(ApiError::bad(format!(
            "level must be actor or country, not {level:?}"
        )));
    }
    let limit = p.num("limit", 150, 2000).map_err(ApiError::bad)?;
    blocking(&app, move |b, _| {
        let g = b.network(&filter, level == "country")?;
        let nodes: BTreeMap<String, NetNode> =
            g.nodes.into_iter().map(|n| (n.key.clone(), n)).collect();
        let mut ranked: Vec<(&String, usize)> = nodes.iter().map(|(k, v)| (k, v.events)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let keep: std::collections::HashSet<String> = ranked
            .iter()
            .take(limit)
            .map(|(k, _)| (*k).clone())
            .collect();
        let nodes: Vec<Value> = nodes
            .iter()
            .filter(|(k, _)| keep.contains(*k))
            .map(|(k, n)| {
                json!({"id": k, "name": n.name, "country": n.country, "sector": n.sector, "events": n.events})
            })
            .collect();
        let edges: Vec<Value> = g
            .edges
            .into_iter()
            .filter(|e| keep.contains(&e.source) && keep.contains(&e.target))
            .map(|e| {
                json!({"source": e.source, "target": e.target, "weight": e.ids.len(),
                       "types": e.types, "events": e.ids})
            })
            .collect();
        Ok(Json(
            json!({"level": level, "nodes": nodes, "edges": edges}),
        ))
    })
    .await
}

/// Write the export of `filter` in `format`, one event at a time as the backend hands them over
/// (every event that passes: no cap). Returns the number of events written.
pub fn write_export(
    b: &dyn Backend,
    filter: &Filter,
    format: rasd_export::Format,
    out: &mut dyn std::io::Write,
) -> Result<usize, String> {
    let mut w = rasd_export::Writer::new(out, format).map_err(|e| e.to_string())?;
    b.for_each_event(filter, &mut |se| {
        let n = distinct_docs(&se);
        let (Some(ev), Some(m)) = (se.event(), se.mentions.first()) else {
            return Ok(());
        };
        w.write(&rasd_export::Record {
            id: &se.id,
            event: ev,
            doc: &m.doc,
            sources: n,
        })
        .map_err(|e| e.to_string())
    })
    .map_err(|e| e.to_string())?;
    w.finish().map_err(|e| e.to_string())
}

async fn export(State(app): State<App>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = params(&q, &with_filter(&["format"]))?;
    let filter = p.filter().map_err(ApiError::bad)?;
    let format: rasd_export::Format = p
        .get("format")
        .unwrap_or("plover")
        .parse()
        .map_err(|e: rasd_export::UnknownFormat| ApiError::bad(e.to_string()))?;
    let body = blocking(&app, move |b, _| {
        let mut buf = Vec::new();
        write_export(b, &filter, format, &mut buf).map_err(ApiError::internal)?;
        Ok(buf)
    })
    .await?;
    let (ctype, ext) = match format {
        rasd_export::Format::Plover => ("application/x-ndjson; charset=utf-8", "jsonl"),
        rasd_export::Format::Gdelt => ("text/tab-separated-values; charset=utf-8", "tsv"),
        rasd_export::Format::Csv => ("text/csv; charset=utf-8", "csv"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, ctype.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"rasd-events.{ext}\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        let rows = [
            ("2023-02-22", "day", Some("2023-02-22")),
            ("2023-02-22", "week", Some("2023-02-20")), // a Wednesday → Monday
            ("2023-02-20", "week", Some("2023-02-20")),
            ("2023-01-01", "week", Some("2022-12-26")), // a Sunday
            ("2024-03-03", "week", Some("2024-02-26")), // across a leap day
            ("2023-02-22", "month", Some("2023-02")),
            ("2023-02", "month", Some("2023-02")),
            ("2023-02", "day", None),
            ("2023", "week", None),
            ("2023", "year", Some("2023")),
            ("x", "day", None),
        ];
        for (d, i, want) in rows {
            assert_eq!(bucket(d, i).as_deref(), want, "{d} {i}");
        }
        for z in [-1000, 0, 19_000, 20_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }
}
