# The two commands of the quick start, and a few more.
#   make demo   bootstrap, build, run headroom on the example application
#   make test   bootstrap, build, run every test through ctest
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: all bootstrap build demo test asan clean bench fuzz

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# headroom exits 1 when it has findings: that is the point of the demo.
demo: build
	@./$(BUILD)/headroom check examples; rc=$$?; [ $$rc -le 1 ]

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer and UBSan.
asan:
	@$(MAKE) --no-print-directory test BUILD=build-asan CMAKE_FLAGS="-DHEADROOM_SANITIZE=ON -DCMAKE_C_COMPILER=clang"

clean:
	rm -rf $(BUILD) build-asan

# Speed against the parse floor and the peers on real corpora (fetched into
# bench/.cache); minutes, needs the registries. Not part of `make test`.
# See docs/performance.md.
bench: bootstrap
	@python3 bench/run.py $(BENCH_FLAGS)

# A bounded libFuzzer run of every target (tests/fuzz), FUZZ_SECONDS each.
FUZZ_SECONDS ?= 30
fuzz: bootstrap
	@cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DHEADROOM_SANITIZE=ON \
		-DHEADROOM_FUZZ=ON -DHEADROOM_FUZZ_SECONDS=$(FUZZ_SECONDS) >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	@ctest --test-dir build-fuzz -L '^fuzz$$' --output-on-failure
