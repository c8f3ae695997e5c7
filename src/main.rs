fn main() {
    std::process::exit(pylift::cli::run());
}
