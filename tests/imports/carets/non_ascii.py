naïve = {"clé": "é"}
print("héllo wörld", naïve["clé"] + naïve["ünknown"])
