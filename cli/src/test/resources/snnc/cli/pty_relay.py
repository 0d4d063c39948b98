"""A serial port for tests of 'snnc deploy': a pseudo-terminal pair whose slave side is the port.

Prints the slave's path on the first line of stdout. Mode "relay" (default) then copies every byte
the host writes to the port onto stdout and every byte from stdin to the port, so a test can put a
simulated board behind it; mode "silent" swallows what the host writes and never answers, as a
port with no board behind it. Ends when stdin closes. Keeps the slave open itself, so the port
stays usable between two hosts.
"""
import os
import select
import sys

master, slave = os.openpty()
out = sys.stdout.buffer
out.write(os.ttyname(slave).encode() + b"\n")
out.flush()
relay = (sys.argv[1] if len(sys.argv) > 1 else "relay") == "relay"
while True:
    ready, _, _ = select.select([master, 0], [], [])
    if master in ready:
        data = os.read(master, 65536)
        if relay and data:
            out.write(data)
            out.flush()
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            break
        while data:
            data = data[os.write(master, data):]
os.close(slave)
os.close(master)
