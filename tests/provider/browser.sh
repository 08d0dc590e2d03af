#!/bin/sh
# $BROWSER for oidctl's tests: the scripted HTTP browser (see browser.mjs).
exec node "$(dirname "$0")/browser.mjs" "$@"
