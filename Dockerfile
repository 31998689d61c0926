# Build stage: the Swift toolchain image, with the system libraries Tessera links.
FROM swift:6.2-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends liblmdb-dev libsqlite3-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN swift build -c release --product tessera --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/tessera" /tessera

# Run stage: a slim image with only the runtime libraries.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends liblmdb0 libsqlite3-0 ca-certificates \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /var/lib/tessera tessera \
    && mkdir -p /var/lib/tessera && chown tessera /var/lib/tessera
COPY --from=build /tessera /usr/local/bin/tessera
USER tessera
EXPOSE 8080
ENTRYPOINT ["tessera", "serve", "--data-dir", "/var/lib/tessera", "--http-addr", "0.0.0.0:8080"]
