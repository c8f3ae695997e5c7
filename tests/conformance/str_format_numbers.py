# Number format specs with and without zero fill, grouping, alignment and fill characters.
vals = [0, 7, -7, 123456789, -1234567, 10**20, -(10**20), 3.14159, -0.5, 1e21, float("inf"), float("nan"), True]
specs = ["", "05d", "010d", "+08d", " 6d", "<8d", "^9d", ">7d", "=+9d", "*^11d", "0=8d", "x", "#x", "#010x", "08b", "#o", ",d", "_d", "012,d", "015_d", "0>7d",
         ".4f", "010.3f", "+.2e", "012,.2f", "g", "08.3g", "%", ".1%", "0=12.4f", "é^10d", "E", "#.0f", "c"]
for v in vals:
    row = []
    for sp in specs:
        try:
            row.append(format(v, sp))
        except (ValueError, TypeError, OverflowError) as e:
            row.append("E:" + str(e)[:30])
    print(v, row)
print(f"{42:05d}|{0.25:.4f}|{-3:04}|{5:x}|{255:#06X}|{'ab':>5}|{7:,}")
