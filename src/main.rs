//! Entry point of the browser app: registers the service worker and mounts [`hometime::App`] on `<body>`.

fn main() {
    // A panic in wasm otherwise shows only as "unreachable"; print its message to the console.
    std::panic::set_hook(Box::new(|info| leptos::logging::error!("{info}")));
    hometime::register_service_worker();
    leptos::mount::mount_to_body(hometime::App);
}
