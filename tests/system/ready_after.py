#!/usr/bin/python3
"""A Type=notify service's program for the rollout test and bench row:
ready (sd_notify READY=1) DELAY seconds after it starts, then runs until it
is stopped; while HOLD (a file) exists it is not ready. usage:
ready_after.py DELAY [HOLD]"""
import os
import signal
import socket
import sys
import time

time.sleep(float(sys.argv[1]))
while len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
    time.sleep(0.02)
addr = os.environ["NOTIFY_SOCKET"]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.sendto(b"READY=1", "\0" + addr[1:] if addr.startswith("@") else addr)
while True:
    signal.pause()
