// shiftsim: plan SageMaker endpoint updates before you make them. Everything is in the
// shiftsim::cli library; this is its entry point (dispatch.hpp).
#include "dispatch.hpp"

int main(int argc, char** argv) {
  const shiftsim::cli::Args args(argv + 1, argv + argc);
  return shiftsim::cli::run_shiftsim(args);
}
