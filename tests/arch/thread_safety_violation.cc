// Must NOT compile under scripts/check-thread-safety.sh: it reads a GUARDED_BY member without
// holding its mutex. It is not part of any build; the script checks that Clang refuses it.
#include "base/mutex.h"

namespace ordo {

class Counter {
 public:
  int Read() const { return value_; }  // the analysis must flag this

 private:
  mutable Mutex mu_;
  int value_ GUARDED_BY(mu_) = 0;
};

int Use() { return Counter().Read(); }

}  // namespace ordo
