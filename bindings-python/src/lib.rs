//! Python bindings (placeholder until the binding lands).
