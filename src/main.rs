//! Entry point of the browser app: registers the service worker and mounts [`hometime::App`] on `<body>`.

fn main() {
    hometime::register_service_worker();
    leptos::mount::mount_to_body(hometime::App);
}
