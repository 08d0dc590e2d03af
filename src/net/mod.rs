//! What crosses a socket or leaves the process: the HTTP transport and document cache
//! ([`http`]), the one-shot loopback redirect listener ([`loopback`]), opening a browser
//! ([`browser`]), where oidctl runs ([`remote`]: SSH, WSL, a display), and the small HTML pages both serve ([`html`]). Knows nothing of providers,
//! profiles or the terminal: it takes its settings as values and logs through `log`.

pub mod browser;
pub mod html;
pub mod http;
pub mod loopback;
pub mod remote;
