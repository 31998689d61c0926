#!/usr/bin/env python3
"""Differential test of `tessera condition eval` against a reference CEL implementation.

Generates random well-typed CEL expressions over ints, uints, doubles, strings, bools,
lists and maps (operators, conversions, string functions, macros) and random RE2
patterns for `matches` (some invalid on purpose), evaluates each with
Tessera's CLI and with cel-expr-python (Google's cel-cpp runtime, from PyPI), and compares
the outcome: the same value, or an error on both sides (messages are not compared).

Areas where cel-go (OpenFGA's engine, which Tessera follows) and cel-cpp disagree are left
out of the generator: ordering comparisons that can meet NaN (cel-go: error, cel-cpp:
false), mixed int/uint/double ordering (cel-go declares `1 < 1.5`, cel-cpp's default
environment does not) and timestamp formatting. The cost budget is lifted: the reference
runs without one.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install cel-expr-python
    /tmp/venv/bin/python scripts/condition-differential.py .build/debug/tessera [COUNT] [SEED]

The last line is 'N passed, M failed'.
"""
import json
import random
import subprocess
import sys

from cel_expr_python import cel

INT_LITERALS = ["0", "1", "-1", "7", "-13", "100", "9223372036854775807", "-9223372036854775808", "4611686018427387904", "x"]
UINT_LITERALS = ["0u", "1u", "7u", "18446744073709551615u", "9223372036854775808u"]
DOUBLE_LITERALS = ["0.0", "1.5", "-2.25", "1e308", "0.1", "3.0", "-0.0"]
INT_STRINGS = ['"12"', '"-9223372036854775808"', '"1.5"', '"x"']
UINT_STRINGS = ['"42"', '"-1"', '"18446744073709551615"']
DOUBLE_STRINGS = ['"2.5"', '"1e3"', '"x"', '"-0.5"']
PATTERNS = ["'^a'", "'b$'", "'[0-9]+'", "'(?i)HELLO'", "'^.{2,3}$'", r"'\\w+\\s\\w+'", "'é|😀'", "''"]
CLASS_BODIES = ["a-c", "^a", r"b\\d", ".", "A-Z_", r"^\\s"]
STRING_LITERALS = ["''", "'a'", "'abc'", "'é😀'", "'Hello World'", "'1'", "'a\\u00e9b'", "r'\\d'", "'''x\ny'''", "s"]


class Generator:
    def __init__(self, rng):
        self.rng = rng

    def pick(self, items):
        return self.rng.choice(items)

    def int_expr(self, depth):
        if depth <= 0 or self.rng.random() < 0.3:
            return self.pick(INT_LITERALS)
        choice = self.rng.randrange(9)
        if choice < 4:
            op = self.pick(["+", "-", "*", "/", "%"])
            return f"({self.int_expr(depth - 1)} {op} {self.int_expr(depth - 1)})"
        if choice == 4:
            return f"-({self.int_expr(depth - 1)})"
        if choice == 5:
            return f"size({self.pick([self.string_expr(depth - 1), self.list_expr(depth - 1)])})"
        if choice == 6:
            operand = self.pick([self.uint_expr(depth - 1), self.double_expr(depth - 1), self.pick(INT_STRINGS)])
            return f"int({operand})"
        if choice == 7:
            return f"({self.bool_expr(depth - 1)} ? {self.int_expr(depth - 1)} : {self.int_expr(depth - 1)})"
        return f"{self.list_expr(depth - 1)}[{self.pick(['0', '1', '2', '-1'])}]"

    def uint_expr(self, depth):
        if depth <= 0 or self.rng.random() < 0.3:
            return self.pick(UINT_LITERALS)
        choice = self.rng.randrange(3)
        if choice == 0:
            op = self.pick(["+", "-", "*", "/", "%"])
            return f"({self.uint_expr(depth - 1)} {op} {self.uint_expr(depth - 1)})"
        if choice == 1:
            return f"uint({self.pick([self.int_expr(depth - 1), self.double_expr(depth - 1)])})"
        return f"uint({self.pick(UINT_STRINGS)})"

    def double_expr(self, depth):
        if depth <= 0 or self.rng.random() < 0.3:
            return self.pick(DOUBLE_LITERALS)
        choice = self.rng.randrange(3)
        if choice == 0:
            op = self.pick(["+", "-", "*", "/"])
            return f"({self.double_expr(depth - 1)} {op} {self.double_expr(depth - 1)})"
        if choice == 1:
            return f"double({self.pick([self.int_expr(depth - 1), self.uint_expr(depth - 1)])})"
        return f"double({self.pick(DOUBLE_STRINGS)})"

    def string_expr(self, depth):
        if depth <= 0 or self.rng.random() < 0.4:
            return self.pick(STRING_LITERALS)
        choice = self.rng.randrange(4)
        if choice == 0:
            return f"({self.string_expr(depth - 1)} + {self.string_expr(depth - 1)})"
        if choice == 1:
            return f"string({self.pick([self.int_expr(depth - 1), self.uint_expr(depth - 1), self.bool_expr(depth - 1)])})"
        if choice == 2:
            return f"({self.bool_expr(depth - 1)} ? {self.string_expr(depth - 1)} : {self.string_expr(depth - 1)})"
        key = self.pick(['"a"', '"b"', '"c"'])
        return f"{{'a': {self.string_expr(depth - 1)}, 'b': 'x'}}[{key}]"

    def list_expr(self, depth):
        if depth <= 0 or self.rng.random() < 0.3:
            return self.pick(["[]", "[1, 2, 3]", "[0, -1]", "li", "[9223372036854775807]"])
        choice = self.rng.randrange(4)
        if choice == 0:
            return f"({self.list_expr(depth - 1)} + {self.list_expr(depth - 1)})"
        if choice == 1:
            return f"{self.list_expr(depth - 1)}.map(v, {self.int_expr_var(depth - 1)})"
        if choice == 2:
            return f"{self.list_expr(depth - 1)}.filter(v, {self.bool_expr_var(depth - 1)})"
        return f"[{self.int_expr(depth - 1)}, {self.int_expr(depth - 1)}]"

    def int_expr_var(self, depth):
        return self.int_expr(depth).replace("x", "v", 1) if "x" in self.int_expr(depth) else f"(v {self.pick(['+', '*', '-', '/', '%'])} {self.int_expr(depth)})"

    def bool_expr_var(self, depth):
        return f"(v {self.pick(['<', '<=', '>', '>=', '==', '!='])} {self.int_expr(depth)})"

    def bool_expr(self, depth):
        if depth <= 0 or self.rng.random() < 0.15:
            return self.pick(["true", "false", "b"])
        choice = self.rng.randrange(14)
        if choice == 0:
            return f"({self.bool_expr(depth - 1)} {self.pick(['&&', '||'])} {self.bool_expr(depth - 1)})"
        if choice == 1:
            return f"!{self.bool_expr(depth - 1)}"
        if choice == 2:
            return f"({self.int_expr(depth - 1)} {self.pick(['<', '<=', '>', '>=', '==', '!='])} {self.int_expr(depth - 1)})"
        if choice == 3:
            return f"({self.uint_expr(depth - 1)} {self.pick(['<', '<=', '>', '>=', '==', '!='])} {self.uint_expr(depth - 1)})"
        if choice == 4:
            return f"({self.int_expr(depth - 1)} {self.pick(['<', '>', '==', '!='])} {self.int_expr(depth - 1)})"
        if choice == 5:
            return f"({self.double_expr(depth - 1)} {self.pick(['==', '!='])} {self.double_expr(depth - 1)})"
        if choice == 6:
            return f"({self.string_expr(depth - 1)} {self.pick(['<', '>', '==', '!=', '<=', '>='])} {self.string_expr(depth - 1)})"
        if choice == 7:
            fn = self.pick(["startsWith", "endsWith", "contains"])
            return f"{self.string_expr(depth - 1)}.{fn}({self.string_expr(depth - 1)})"
        if choice == 8:
            pattern = self.pick(PATTERNS)
            return f"{self.string_expr(depth - 1)}.matches({pattern})"
        if choice == 9:
            return f"({self.int_expr(depth - 1)} in {self.list_expr(depth - 1)})"
        if choice == 10:
            macro = self.pick(["all", "exists", "exists_one"])
            return f"{self.list_expr(depth - 1)}.{macro}(v, {self.bool_expr_var(depth - 1)})"
        if choice == 11:
            return f"has({{'a': 1}}.{self.pick(['a', 'b'])})"
        if choice == 12:
            return f"(dyn({self.int_expr(depth - 1)}) == {self.pick(DOUBLE_LITERALS + UINT_LITERALS)})"
        return f"({self.list_expr(depth - 1)} == {self.list_expr(depth - 1)})"

    def regex(self, depth):
        """A random RE2 pattern over a small alphabet (sometimes invalid, on purpose)."""
        atoms = ["a", "b", "c", "A", ".", "[a-c]", "[^b]", "\\d", "\\w", "\\s", "\\W", "é", "[[:alpha:]]", "\\.", "_", "x"]
        if depth <= 0 or self.rng.random() < 0.3:
            return self.pick(atoms)
        choice = self.rng.randrange(8)
        if choice == 0:
            return self.regex(depth - 1) + self.regex(depth - 1)
        if choice == 1:
            return f"({self.regex(depth - 1)}|{self.regex(depth - 1)})"
        if choice == 2:
            return f"(?:{self.regex(depth - 1)})" + self.pick(["*", "+", "?", "{2}", "{1,3}", "*?", "{0,}"])
        if choice == 3:
            return self.pick(atoms) + self.pick(["*", "+", "?", "{2,}", "+?"])
        if choice == 4:
            return self.pick(["^", "$", "\\b", "\\B", "(?i)", "(?s)", "(?m)^", "(?m)$"]) + self.regex(depth - 1)
        if choice == 5:
            return self.regex(depth - 1) + self.pick(["$", "\\b", ")", "(", "*", "{1001}", "[z-a]"])
        if choice == 6:
            return f"(?i:{self.regex(depth - 1)})"
        body = self.pick(CLASS_BODIES)
        return f"[{body}]{self.pick(['', '*', '+'])}"

    def text(self):
        alphabet = ["a", "b", "c", "A", "B", "1", "2", " ", "_", "é", ".", "x", "\\n"]
        return "".join(self.pick(alphabet) for _ in range(self.rng.randrange(0, 9)))

    def expression(self):
        if self.rng.random() < 0.3:
            return f"'{self.text()}'.matches('{self.regex(self.rng.randrange(1, 4))}')"
        kind = self.rng.randrange(6)
        depth = self.rng.randrange(1, 5)
        return [self.bool_expr, self.bool_expr, self.int_expr, self.uint_expr, self.string_expr, self.list_expr][kind](depth)


CONTEXT = {"x": 5, "s": "ab", "b": True, "li": [3, 1, 2]}
PARAMS = ["x:int", "s:string", "b:bool", "li:list<int>"]


def reference(env, expression):
    try:
        compiled = env.compile(expression)
    except Exception:
        return ("compile-error", None)
    try:
        value = compiled.eval(data=CONTEXT)
    except Exception:
        return ("error", None)
    if value.type().name() == "ERROR":
        return ("error", None)
    return ("value", value.plain_value())


def tessera(binary, expression):
    args = [binary, "condition", "eval", "--expression=" + expression, "--context", json.dumps(CONTEXT), "--cost-budget", "100000000"]
    for param in PARAMS:
        args.append("--param=" + param)
    result = subprocess.run(args, capture_output=True, text=True, timeout=30)
    try:
        output = json.loads(result.stdout)
    except json.JSONDecodeError:
        return ("crash", result.stdout + result.stderr)
    if result.returncode == 2:
        return ("compile-error", None)
    if result.returncode == 1:
        return ("error", None)
    return ("value", output["value"])


def same(expected, actual):
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual or expected == actual and type(expected) is type(actual)
    if isinstance(expected, float) or isinstance(actual, float):
        return isinstance(expected, (int, float)) and isinstance(actual, (int, float)) and float(expected) == float(actual)
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(same(a, b) for a, b in zip(expected, actual))
    return expected == actual


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    env = cel.NewEnv(variables={"x": cel.Type.INT, "s": cel.Type.STRING, "b": cel.Type.BOOL, "li": cel.Type.List(cel.Type.INT)})
    generator = Generator(random.Random(seed))
    passed = failed = 0
    outcomes = {}
    for _ in range(count):
        expression = generator.expression()
        expected = reference(env, expression)
        actual = tessera(binary, expression)
        outcomes[expected[0]] = outcomes.get(expected[0], 0) + 1
        failures = {"error", "compile-error"}
        # An invalid constant pattern fails when compiled here (cel-go precompiles constant
        # regexes too); cel-cpp reports it when evaluating. Both refuse the expression.
        refused_pattern = ".matches(" in expression and {expected[0], actual[0]} == failures
        if refused_pattern or (expected[0] == actual[0] and (expected[0] != "value" or same(expected[1], actual[1]))):
            passed += 1
        else:
            failed += 1
            print(f"MISMATCH {expression}\n  reference: {expected}\n  tessera:   {actual}")
    print(f"reference outcomes: {outcomes}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
