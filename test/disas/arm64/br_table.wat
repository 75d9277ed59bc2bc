(module
  (func $pick (export "pick") (param i32) (result i32)
    block $c
      block $b
        block $a
          local.get 0
          br_table $a $b $c
        end
        i32.const 10
        return
      end
      i32.const 20
      return
    end
    i32.const 30))
