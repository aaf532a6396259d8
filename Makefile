# Thin wrapper around CMake. Each target first installs what is missing
# (Debian/Ubuntu packages, only when pkg-config or the tool is not found).
BUILD     ?= build
ASAN      ?= build-asan
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
FUZZ      ?= build-fuzz
FUZZ_TIME ?= 600
FUZZ_JOBS ?= 1

.PHONY: all deps build test test-sanitize demo bench install clean fuzz fuzz-build stress

all: build

deps:
	@sh cmake/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)

# Check's per-test timeouts (4 s unless a suite sets its own) are scaled by
# 5 so that a loaded machine does not fail a correct test; CTest's own
# timeout per suite still holds.
test: build
	cd $(BUILD) && CK_TIMEOUT_MULTIPLIER=$${CK_TIMEOUT_MULTIPLIER:-5} ctest --output-on-failure -j $(JOBS)

# The same suites under AddressSanitizer and UndefinedBehaviorSanitizer.
# Sanitized code runs several times slower: Check's per-test timeouts are
# scaled so that a loaded machine does not fail a correct test.
test-sanitize: deps
	CC=$(CC) cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DGEOPOL_SANITIZE=ON $(CMAKE_ARGS)
	cmake --build $(ASAN) -j $(JOBS)
	cd $(ASAN) && CK_TIMEOUT_MULTIPLIER=10 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS)

# libFuzzer harnesses (tests/fuzz), built with clang, each run FUZZ_TIME
# seconds (FUZZ_JOBS at a time); the corpus grows in $(FUZZ)/fuzz-corpus.
fuzz-build: deps
	CC=clang cmake -S . -B $(FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGEOPOL_FUZZ=ON \
		-DGEOPOL_BUILD_TESTS=OFF $(CMAKE_ARGS)
	cmake --build $(FUZZ) -j $(JOBS)

fuzz: fuzz-build
	FUZZ_JOBS=$(FUZZ_JOBS) sh tests/fuzz/run.sh $(FUZZ) $(FUZZ_TIME)

# kill -9 during imports (STRESS_KILLS kills), then readers during a writer
# and writers together (tests/stress); bounded in time.
STRESS_KILLS ?= 30
stress: build
	bash tests/stress/crash_test.sh $(BUILD)/geopol $(BUILD)/geopol.db $(STRESS_KILLS)
	bash tests/stress/concurrency_test.sh $(BUILD)/geopol $(BUILD)/geopol.db

demo: build
	./$(BUILD)/geopol demo

bench: build
	sh bench/run.sh . $(BUILD)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN)
