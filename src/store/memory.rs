//! An in-process store for unit tests.

use std::cell::RefCell;
use std::collections::HashMap;

use super::{TokenSet, TokenStore};
use crate::base::error::Result;

#[derive(Default)]
pub struct MemoryStore {
    sets: RefCell<HashMap<String, TokenSet>>,
}

impl TokenStore for MemoryStore {
    fn load(&self, key: &str) -> Result<Option<TokenSet>> {
        Ok(self.sets.borrow().get(key).cloned())
    }

    fn save(&self, key: &str, set: &TokenSet) -> Result<()> {
        self.sets.borrow_mut().insert(key.to_string(), set.clone());
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<bool> {
        Ok(self.sets.borrow_mut().remove(key).is_some())
    }

    fn describe(&self) -> String {
        "memory".into()
    }
}
