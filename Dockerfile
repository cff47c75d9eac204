# ruku: one image for every subcommand (verify, intake, worker, reaudit).
#   docker build -t ruku .
#   docker run --rm -v "$PWD:/data" ruku verify /data/bundle.zip --out /data/out

ARG GO_VERSION=1.26.8

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Pure Go: a static binary that runs on any base image.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/ruku ./cmd/ruku

FROM debian:bookworm-slim
# OCR of scanned pages and screenshots: tesseract with simplified Chinese,
# pdftoppm (poppler, with poppler-data for CJK CMaps) to render PDF pages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-chi-sim poppler-utils poppler-data ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/ruku /usr/local/bin/ruku
RUN useradd --system --uid 10001 --home-dir /home/ruku --create-home ruku
USER ruku
WORKDIR /home/ruku
ENTRYPOINT ["ruku"]
CMD ["--help"]
