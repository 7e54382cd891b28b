"""The Jupyter project's kernel conformance suite (jupyter_kernel_test) run against paws's kernel.

The kernelspec named by PAWS_KERNEL_NAME must be installed where jupyter looks (JUPYTER_DATA_DIR).
"""
import os
import unittest

import jupyter_kernel_test


class PawsKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("PAWS_KERNEL_NAME", "paws")
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'
    code_generate_error = "await ec2.describeAvailabilityZones({ZoneNames: ['nowhere-1z']})"
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "const n: number = 2; n + 1", "result": "3"},
        {"code": "(await ec2.zones()).length", "result": "6"},
        {"code": "'paws'", "result": "'paws'"},
    ]
    code_display_data = [
        {"code": "display(await ec2.zones())", "mime": "text/html"},
        {"code": "display('text')", "mime": "text/plain"},
    ]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    completion_samples = [
        {"text": "ec2.describeInstanceSt", "matches": {"ec2.describeInstanceStatus"}},
        {"text": "launchInsta", "matches": {"launchInstance"}},
    ]
    complete_code_samples = ["1 + 1", "const x: string = 'a'", "await ec2.zones()", "{a: 1}"]
    incomplete_code_samples = ["for (const z of [1, 2]) {", "const s = `abc", "f(1,"]
    invalid_code_samples = ["const = 3", "1 +* 2"]
    code_inspect_sample = "ec2.describeInstances"
    code_clear_output = "let ticks = 0; await watch(() => ++ticks, {every: 0.05, times: 3})"
    code_page_something = "ec2.describeInstances?"


if __name__ == "__main__":
    unittest.main()
