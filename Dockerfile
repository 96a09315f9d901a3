# The jiayuan binary in a small image (docs/publishing.md).
#   docker build --build-arg GIT_COMMIT=$(git rev-parse --short=12 HEAD) -t jiayuan .
#   docker run --rm -v "$PWD:/site" -w /site jiayuan build
# The wasm the binary embeds is committed (generator/assets/wasm/), so the build stage
# needs no wasm toolchain.

FROM rust:1.95-bookworm AS build
WORKDIR /src
# rust-toolchain.toml asks for the wasm target, which this build does not use.
ENV RUSTUP_TOOLCHAIN=1.95.0
COPY . .
# .git is not sent (.dockerignore): the commit comes in as a build argument.
ARG GIT_COMMIT=""
ENV JIAYUAN_GIT_COMMIT=${GIT_COMMIT}
RUN cargo build --release --locked -p jiayuan \
    && install -D target/release/jiayuan /out/jiayuan

FROM debian:bookworm-slim
COPY --from=build /out/jiayuan /usr/local/bin/jiayuan
WORKDIR /site
ENTRYPOINT ["jiayuan"]
CMD ["build"]
