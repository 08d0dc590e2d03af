#!/bin/sh
# $BROWSER for the tests of oidctl serve (see serve-browser.mjs).
exec node "$(dirname "$0")/serve-browser.mjs" "$@"
