#!/bin/sh
# Entry point of every worker image: `pipeline-entrypoint <Worker>.dll`.
# Secrets arrive as files (compose or Kubernetes secrets). For every configuration variable
# Section__Key_FILE=/path it exports Section__Key with the file's content (the postgres/mysql images'
# convention), so a password never sits in the compose file, the image or `docker inspect`. Only names
# with "__" (.NET configuration keys) qualify: SSL_CERT_FILE and the like are left alone. Then it becomes the worker (exec), so
# SIGTERM reaches .NET directly and the host stops gracefully.
set -eu

for name in $(env | sed -n 's/^\([A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]*\)_FILE=.*/\1/p'); do
  eval "file=\${${name}_FILE}"
  if [ ! -r "$file" ]; then
    echo "pipeline-entrypoint: ${name}_FILE points at '$file', which is not readable" >&2
    exit 78
  fi
  value=$(cat "$file")
  export "$name=$value"
  unset "${name}_FILE"
done

exec dotnet "$@"
