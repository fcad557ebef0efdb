# ordo: two set-up commands for a fresh Debian 12 machine.
#   make run    install what is missing, build, load the bundled record, run ordo
#   make test   the same set-up, then every test through ctest
#   make test-asan   the tests (not fuzz, web, bench) built with ASan+UBSan (CMakePresets.json: asan)
#   make test-tsan   the concurrent tests (ctest label `concurrent`) built with TSan (preset tsan)
BUILD ?= build
DB ?= ordo.db
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: run test test-asan test-tsan deps build load bench fuzz clean

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	scripts/web-build.sh

# Loads the bundled record into a fresh $(DB).
load: build
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BUILD)/ordo --db $(DB) load data/
	$(BUILD)/ordo --db $(DB) scenario create eu-nato-combat \
	  --note "demonstration: an EU member of NATO deploys combat troops to Ukraine (hypothetical)"
	$(BUILD)/ordo --db $(DB) scenario load eu-nato-combat data/scenarios/eu-nato-combat-deployment.ordo

# A short tour of the command line, then the HTTP API and the web UI on http://127.0.0.1:8080/.
run: load
	@scripts/main-job.sh $(BUILD)/ordo $(DB)
	$(BUILD)/ordo --db $(DB) serve

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

# Sanitizer builds (Clang): build-asan/ and build-tsan/, configured from CMakePresets.json.
# ASAN_LABELS_EXCLUDE: the labels left out; `slow-asan` marks tests too slow under ASan.
ASAN_LABELS_EXCLUDE ?= fuzz|web|bench|slow-asan
SAN_JOBS ?= 2
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

test-asan: deps
	cmake --preset asan $(CMAKE_FLAGS)
	cmake --build build-asan -j $(SAN_JOBS)
	cd build-asan && $(SAN_ENV) ctest --output-on-failure -j $(SAN_JOBS) --timeout 1800 -LE '$(ASAN_LABELS_EXCLUDE)'

test-tsan: deps
	cmake --preset tsan $(CMAKE_FLAGS)
	cmake --build build-tsan -j $(SAN_JOBS) --target ordo_http_tests ordo_server_tests
	cd build-tsan && $(SAN_ENV) ctest --output-on-failure -j $(SAN_JOBS) --timeout 1800 -L concurrent

bench: build
	@scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-fuzz build-asan build-tsan
