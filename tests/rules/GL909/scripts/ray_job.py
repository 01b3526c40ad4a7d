import ray

ray.init("auto")


@ray.remote
def square(x: int) -> int:
    return x * x


print(sum(ray.get([square.remote(i) for i in range(100)])))
