"""Drives a kernel as a notebook frontend does, through jupyter_client, and prints what each cell showed.

Usage: drive.py KERNEL_NAME CELLS_JSON — CELLS_JSON is a list of
{"code": str, "interrupt_after": seconds?, "answer": str?, "restart_first": bool?}. Prints one JSON object:
{"cells": [{"status", "outputs": [{"type", ...}], "prompts": [str]}]}. The kernel is shut down
by a shutdown request at the end (given time for an --ephemeral clean-up).
"""
import json
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager

kernel_name, cells = sys.argv[1], json.loads(sys.argv[2])
km = KernelManager(kernel_name=kernel_name)
km.shutdown_wait_time = 60
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)

results = []
for cell in cells:
    if cell.get("restart_first"):
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=60)
    msg_id = kc.execute(cell["code"], allow_stdin=True)
    started = time.monotonic()
    interrupted = False
    outputs, prompts = [], []
    while True:
        if "interrupt_after" in cell and not interrupted and time.monotonic() - started > cell["interrupt_after"]:
            km.interrupt_kernel()
            interrupted = True
        try:
            request = kc.get_stdin_msg(timeout=0.05)
            prompts.append(request["content"]["prompt"])
            kc.input(cell.get("answer", ""))
        except Empty:
            pass
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except Empty:
            if time.monotonic() - started > 60:
                raise SystemExit(f"no answer to {cell['code']!r} in 60 s")
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            break
        if kind == "stream":
            outputs.append({"type": "stream", "name": content["name"], "text": content["text"]})
        elif kind in ("execute_result", "display_data"):
            outputs.append({"type": kind, "data": content["data"]})
        elif kind == "error":
            outputs.append({"type": "error", "ename": content["ename"], "traceback": content["traceback"]})
    reply = kc.get_shell_msg(timeout=10)
    results.append({"status": reply["content"]["status"], "outputs": outputs, "prompts": prompts})

kc.stop_channels()
km.shutdown_kernel(now=False)
print(json.dumps({"cells": results}))
