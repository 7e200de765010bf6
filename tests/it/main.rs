//! One integration test binary driving the real `newsdex` executable.
