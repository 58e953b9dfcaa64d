fn main() -> Result<(), errspec::Error> {
    errspec::Builder::new("../../spec/errors.yaml")
        .targets([errspec::Target::Rust])
        .generate()?;
    Ok(())
}
