//! The page and its assets, compiled into the binary: a request can only
//! ever get one of these, never a file of the disk.

use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::guard::ApiError;

/// The page: plain HTML, its script and style in separate files (the
/// CSP allows no inline script).
const PAGE: &str = include_str!("page/index.html");

/// `/assets/NAME`: name, content type, bytes.
const ASSETS: [(&str, &str, &[u8]); 2] = [
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("page/app.js"),
    ),
    ("app.css", "text/css; charset=utf-8", include_bytes!("page/app.css")),
];

/// `/`: the page, whatever its query string (the page reads its state
/// from it).
pub async fn page() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        PAGE,
    )
        .into_response()
}

/// `/assets/NAME`: one of [`ASSETS`] by its exact name, else 404.
pub async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, bytes)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
            *bytes,
        )
            .into_response(),
        None => ApiError::not_found(format!("no asset named {name:?}"))
            .into_response(),
    }
}
