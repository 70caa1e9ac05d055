print("thor-bench")
