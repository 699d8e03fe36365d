//! Fetching a text file that the build ships beside the page (the code panel's sources).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Fetches `url` (relative to the page) as text. The error says what went wrong, in words.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| format!("{url} could not be fetched (offline?)"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "the fetch gave no response".to_string())?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| format!("{url}: the body could not be read"))?;
    let text = JsFuture::from(text).await.map_err(|_| format!("{url}: the body could not be read"))?;
    text.as_string().ok_or_else(|| format!("{url}: the body is not text"))
}

/// Reads a file the person picked or dropped, as text, if it is at most `max_bytes` long. The
/// error says what went wrong, in words.
pub async fn read_file_text(file: web_sys::File, max_bytes: usize) -> Result<String, String> {
    let name = file.name();
    let size = file.size();
    if size > max_bytes as f64 {
        return Err(format!("{name} is {} MB; at most {} MB are read", (size / 1_048_576.0).ceil() as u64, max_bytes / 1_048_576));
    }
    let text = JsFuture::from(file.text()).await.map_err(|_| format!("{name} could not be read"))?;
    text.as_string().ok_or_else(|| format!("{name} is not text"))
}
