# ordo: two set-up commands for a fresh Debian 12 machine.
#   make run    install what is missing, build, load the bundled record, run ordo
#   make test   the same set-up, then every test through ctest
BUILD ?= build
DB ?= ordo.db
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: run test deps build load bench fuzz clean

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

bench: build
	@scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-fuzz
