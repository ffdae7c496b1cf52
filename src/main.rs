fn main() {
    #[cfg(target_arch = "wasm32")]
    upgrade_center::start();
}
