//! The wasm side of the conversion module: `JsValue` ↔ [`Js`], core errors → thrown JS
//! `Error`s, and the panic hook. Only this file touches `JsValue` internals.

use crate::convert::{self, Js};
use crate::error;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Deepest nesting read from an argument (deeper values are refused, not recursed into).
const MAX_DEPTH: usize = 64;

/// Read a JS value.
pub fn read(v: &JsValue) -> Js {
    read_at(v, 0)
}

fn read_at(v: &JsValue, depth: usize) -> Js {
    if v.is_undefined() {
        Js::Undefined
    } else if v.is_null() {
        Js::Null
    } else if let Some(b) = v.as_bool() {
        Js::Bool(b)
    } else if let Some(n) = v.as_f64() {
        Js::Num(n)
    } else if let Some(s) = v.as_string() {
        Js::Str(s)
    } else if v.is_bigint() {
        let digits = v.unchecked_ref::<js_sys::BigInt>().to_string(10).map(String::from).unwrap_or_default();
        Js::BigInt(digits)
    } else if v.is_function() {
        Js::Other("a function")
    } else if v.is_symbol() {
        Js::Other("a symbol")
    } else if depth >= MAX_DEPTH {
        Js::Other("a value nested too deeply")
    } else if Array::is_array(v) {
        Js::Arr(v.unchecked_ref::<Array>().iter().map(|x| read_at(&x, depth + 1)).collect())
    } else if v.is_object() {
        let entries = Object::entries(v.unchecked_ref::<Object>());
        Js::Obj(
            entries
                .iter()
                .filter_map(|pair| {
                    let pair = pair.unchecked_into::<Array>();
                    let key = pair.get(0).as_string()?;
                    Some((key, read_at(&pair.get(1), depth + 1)))
                })
                .collect(),
        )
    } else {
        Js::Other("an unsupported value")
    }
}

/// Make a JS value (through one `JSON.parse`, the fastest way across the boundary).
pub fn write(js: &Js) -> Result<JsValue, JsValue> {
    match js {
        Js::Undefined => Ok(JsValue::UNDEFINED),
        Js::Null => Ok(JsValue::NULL),
        Js::Bool(b) => Ok(JsValue::from_bool(*b)),
        Js::Num(n) => Ok(JsValue::from_f64(*n)),
        Js::Str(s) => Ok(JsValue::from_str(s)),
        _ => {
            let text = convert::to_json(js).map_err(|e| throwable(&e))?;
            js_sys::JSON::parse(&text)
        }
    }
}

/// A core result (anything `Serialize`) as a JS value, via [`convert::out`].
pub fn out<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let js = convert::out(value).map_err(|e| throwable(&e))?;
    write(&js)
}

/// The JS `Error` to throw for a core error: `name` `"ParIndexError"`, `code`, and the
/// properties listed in [`crate::error`].
pub fn throwable(e: &parindex::Error) -> JsValue {
    make_error(&error::describe(e))
}

fn make_error(props: &Js) -> JsValue {
    let message = match props.get("message") {
        Js::Str(s) => s.as_str(),
        _ => "parindex error",
    };
    let err = js_sys::Error::new(message);
    err.set_name(error::ERROR_NAME);
    if let Js::Obj(entries) = props {
        for (k, v) in entries.iter().filter(|(k, _)| k != "message" && k != "name") {
            let value = write(v).unwrap_or(JsValue::NULL);
            // Setting a property of a fresh Error cannot fail; nothing to do if it did.
            let _ = Reflect::set(&err, &JsValue::from_str(k), &value);
        }
    }
    err.into()
}

/// The bytes of a workbook handed in as a `Uint8Array` (a Node `Buffer` is one) or an
/// `ArrayBuffer` (e.g. `await file.arrayBuffer()` of a file the user picked).
pub fn bytes_arg(v: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(a.to_vec());
    }
    if v.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(v).to_vec());
    }
    Err(throwable(&parindex::Error::invalid_argument(
        name,
        format!("expected the workbook's bytes (Uint8Array or ArrayBuffer), got {}", read(v).type_name()),
    )))
}

/// Map a core result to a wasm-bindgen result (the error thrown as a `ParIndexError`).
pub fn js<T>(r: parindex::Result<T>) -> Result<T, JsValue> {
    r.map_err(|e| throwable(&e))
}

/// As [`js`] for a loader reading `file`: a `NOT_FOUND` (no rows for the year or province),
/// which the core words with the file but without a location, gets `file` too.
pub fn js_in<T>(r: parindex::Result<T>, file: &str) -> Result<T, JsValue> {
    r.map_err(|e| {
        let mut props = error::describe(&e);
        if let (parindex::Error::NotFound { .. }, Js::Obj(entries)) = (&e, &mut props) {
            for (k, v) in entries.iter_mut() {
                if k == "file" && matches!(v, Js::Null) {
                    *v = Js::str(file.to_string());
                }
            }
        }
        make_error(&props)
    })
}

/// As [`js`], naming the argument as the JS caller wrote it (see [`error::renamed`]):
/// `names` maps the core's argument names to the JS ones.
pub fn js_as<T, A: AsRef<str>, B: AsRef<str>>(r: parindex::Result<T>, names: &[(A, B)]) -> Result<T, JsValue> {
    r.map_err(|e| throwable(&error::renamed(e, names)))
}

/// The panic hook: log the panic with its stack, schedule a fresh instance for the next
/// call, and throw a `ParIndexError` with kind `INTERNAL` to the caller instead of trapping.
fn panic_hook(info: &std::panic::PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    wasm_bindgen::handler::schedule_reinit();
    let message = match info.payload().downcast_ref::<&str>() {
        Some(s) => (*s).to_string(),
        None => info.payload().downcast_ref::<String>().cloned().unwrap_or_else(|| "panic".to_string()),
    };
    wasm_bindgen::throw_val(make_error(&error::describe_panic(&message)));
}

/// Install the panic hook (once per instance).
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(panic_hook)));
}

/// The message of a thrown JS value (an `Error`'s message, else its string form).
fn message_of(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e.as_string().unwrap_or_else(|| "an exception".to_string()),
    }
}

/// A JS value as JSON text (`JSON.stringify`: one call however large the value). `NaN` and
/// infinities become `null`, `undefined` keys are left out.
///
/// Errors: `INVALID_ARGUMENT` naming `name` when the value cannot be written as JSON (a
/// `BigInt`, a cycle).
pub fn json_text(v: &JsValue, name: &str) -> Result<String, JsValue> {
    js_sys::JSON::stringify(v).map(String::from).map_err(|e| {
        throwable(&parindex::Error::invalid_argument(name, format!("cannot be read as JSON: {}", message_of(&e))))
    })
}

/// The `framework` of an options object: `None` when absent; a built-in by id for a
/// string (`"sipas-2023"`); the framework of a `Framework` object (read through its own
/// `toJson()`, which reads back to the same framework, so the object stays usable).
///
/// Errors: `NOT_FOUND` for an unknown id, `INVALID_ARGUMENT` naming `path` for another value.
pub fn framework_option(options: &JsValue, path: &str) -> Result<Option<parindex::Framework>, JsValue> {
    if !options.is_object() {
        return Ok(None);
    }
    let v = Reflect::get(options, &JsValue::from_str("framework"))?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if let Some(id) = v.as_string() {
        return js(parindex::framework::builtin(&id)).map(|f| Some(f.clone()));
    }
    if v.is_object() {
        let method = |name: &str| Reflect::get(&v, &JsValue::from_str(name)).ok().filter(|m| m.is_function());
        if let (Some(to_json), Some(_)) = (method("toJson"), method("leafCodes")) {
            let text = to_json.unchecked_ref::<js_sys::Function>().call0(&v)?;
            let text = text.as_string().unwrap_or_default();
            return js(parindex::Framework::from_json(&text, path)).map(Some);
        }
    }
    Err(throwable(&parindex::Error::invalid_argument(
        path,
        format!("expected a framework id such as \"sipas-2023\" or a Framework, got {}", read(&v).type_name()),
    )))
}
