//! What every request passes before and after its handler: security
//! headers, a caught panic, the token, the `Host` check, the cap on
//! requests in progress and the time limit; and the JSON error.

use std::any::Any;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State as With};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::State;

/// The page may run and style only what this server sends: no inline
/// script or style, no other origin, no frame around it.
pub const CSP: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The cookie the page carries its token in.
const COOKIE: &str = "newsdex_token";

/// An answer that is not the document asked for: a status and
/// `{"error": MESSAGE}`.
#[derive(Debug)]
pub struct ApiError {
    /// The status.
    pub status: StatusCode,
    /// What went wrong, for a person.
    pub message: String,
}

impl ApiError {
    /// 400: the request names its problem.
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, message: message.into() }
    }

    /// 500; the cause goes to the server's stderr too.
    pub fn internal(message: impl Into<String>) -> ApiError {
        let message = message.into();
        eprintln!("newsdex: error: {message}");
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, message }
    }

    /// 503: try again later.
    fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: message.into(),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    /// A [`BadRequest`](crate::query::BadRequest) is the client's
    /// (400), anything else the server's (500).
    fn from(err: anyhow::Error) -> ApiError {
        if err.downcast_ref::<crate::query::BadRequest>().is_some() {
            ApiError::bad(format!("{err:#}"))
        } else {
            ApiError::internal(format!("{err:#}"))
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        json_response(self.status, &body)
    }
}

/// A JSON document already written.
pub fn json_bytes(status: StatusCode, bytes: Bytes) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        bytes,
    )
        .into_response()
}

/// A JSON document and a newline, as the commands print it.
pub fn json_response<T: serde::Serialize>(
    status: StatusCode,
    value: &T,
) -> Response {
    let mut bytes = Vec::new();
    if let Err(err) = crate::output::json::document(&mut bytes, value) {
        return ApiError::internal(format!("cannot write JSON: {err}"))
            .into_response();
    }
    json_bytes(status, Bytes::from(bytes))
}

/// Anything that is neither the page, its assets nor an endpoint.
pub async fn not_found() -> ApiError {
    ApiError::not_found("no such page or endpoint (the API is under /api/v1/)")
}

/// A method other than GET (or HEAD) on a page or endpoint.
pub async fn read_only() -> ApiError {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: "this server is read-only: GET only".into(),
    }
}

/// The security headers, on every answer (errors too).
pub async fn headers(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// A panic in a handler: 500, logged, and the server goes on.
pub fn panicked(payload: Box<dyn Any + Send + 'static>) -> Response {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string());
    ApiError::internal(format!("a request failed: {what}")).into_response()
}

/// Lets a request in when it may come: with the token when the server
/// has one, and, on a loopback server, with a `Host` naming this machine
/// (a web page elsewhere cannot reach it by DNS rebinding).
pub async fn admit(
    With(state): With<Arc<State>>,
    req: Request,
    next: Next,
) -> Response {
    if state.config.bind.ip().is_loopback() && !local_host(req.headers()) {
        return ApiError {
            status: StatusCode::FORBIDDEN,
            message: "this server answers only requests to localhost or a \
                      loopback address (the Host header)"
                .into(),
        }
        .into_response();
    }
    let Some(token) = &state.config.token else {
        return next.run(req).await;
    };
    let in_query = query_token(req.uri().query());
    let carried = bearer(req.headers())
        .or_else(|| cookie(req.headers()))
        .or(in_query.as_deref());
    if !carried.is_some_and(|t| same(t, token)) {
        let mut res = ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: "this server needs its token: `Authorization: Bearer \
                      TOKEN`, or open the page once as /?token=TOKEN"
                .into(),
        }
        .into_response();
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer"),
        );
        return res;
    }
    let mut res = next.run(req).await;
    if in_query.is_some() {
        // The page's own requests then carry it.
        let cookie =
            format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    res
}

/// At most `max_requests` requests in progress (more get 503 at once),
/// each answered within `timeout` (or 503; its search finishes on its
/// thread, unseen).
pub async fn limits(
    With(state): With<Arc<State>>,
    req: Request,
    next: Next,
) -> Response {
    let Ok(_permit) = state.in_flight.try_acquire() else {
        let mut res = ApiError::unavailable(format!(
            "too many requests at once (more than {}): try again",
            state.config.max_requests
        ))
        .into_response();
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return res;
    };
    let limit = state.config.timeout;
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError::unavailable(format!(
            "the request took longer than {} s",
            limit.as_secs_f64()
        ))
        .into_response(),
    }
}

/// True when the `Host` header names this machine: `localhost`, an
/// address in 127.0.0.0/8 or `[::1]`, with or without a port.
fn local_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok())
    else {
        return true; // HTTP/1.0 without Host: nothing a browser sends
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}

fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

fn query_token(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
}

/// Compares in a time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len()
        && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_this_machine() {
        let host = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, HeaderValue::from_str(v).unwrap());
            local_host(&h)
        };
        assert!(host("localhost:7878"));
        assert!(host("127.0.0.1:7878"));
        assert!(host("127.1.2.3"));
        assert!(host("[::1]:7878"));
        assert!(!host("evil.example:7878"));
        assert!(!host("localhost.evil.example"));
        assert!(!host("[::2]:80"));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same("secret", "secret"));
        assert!(!same("secret", "secreT"));
        assert!(!same("secret", "secret2"));
        assert!(!same("", "x"));
    }
}
