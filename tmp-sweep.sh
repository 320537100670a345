#!/bin/bash
# usage: VARS="XB=1.2 XT=2" tmp-sweep.sh conditions per
env $VARS npm run -s bench:accuracy -- --quick --dev --no-cli --only=$1 --per-condition=${2:-10} 2>&1 | sed -n '/^Photo scans, dev/,/overall/p' | grep -v "^Photo"
