function global:Get-Global { 'g' }
function script:Get-Script { 's' }
function Outer {
    function Inner { 'inner' }
    Inner
}
